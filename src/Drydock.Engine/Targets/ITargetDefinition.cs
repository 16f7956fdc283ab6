using System.Runtime.CompilerServices;

namespace Drydock.Engine.Targets;

/// <summary>The whole target DSL on one page. Conditions are captured as source text, which becomes the skip or failure reason.</summary>
public interface ITargetDefinition
{
    /// <summary>Shown in --help and the plan.</summary>
    ITargetDefinition Description(string description);

    /// <summary>These targets run first, and are pulled into the plan.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>This target becomes a dependency of the given ones (the reverse of DependsOn).</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Ordering only: if both are in the plan, this one runs after them.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Ordering only: if both are in the plan, this one runs before them.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>When this target is in the plan, the given ones are added and run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>The reverse of Triggers.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated before anything runs; when false, the target and the dependencies only it needs are skipped.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>Evaluated right before the target runs; when false only this target is skipped.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>A parameter that must have a value, checked before anything runs: <c>Requires(() => Registry)</c>.</summary>
    ITargetDefinition Requires(Func<object?> parameter, [CallerArgumentExpression(nameof(parameter))] string? text = null);

    /// <summary>A condition that must hold, checked before anything runs.</summary>
    ITargetDefinition Requires(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>If this target fails, the rest of the build still runs (its dependents do not).</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs even when an earlier target failed: clean-up.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from --help.</summary>
    ITargetDefinition Unlisted();

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition Executes(Func<CancellationToken, Task> action);
}
