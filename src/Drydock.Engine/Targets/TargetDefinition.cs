namespace Drydock.Engine.Targets;

/// <summary>What a target's configuring lambda recorded. References to other targets are kept as delegates and resolved by the graph.</summary>
public sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<TargetCondition> StaticConditions { get; } = [];
    public List<TargetCondition> DynamicConditions { get; } = [];
    public List<ParameterRequirement> RequiredParameters { get; } = [];
    public List<TargetCondition> RequiredConditions { get; } = [];
    public bool ProceedsAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }
    public List<Func<CancellationToken, Task>> Actions { get; } = [];

    public ITargetDefinition Description(string description) => Set(() => DescriptionText = description);
    public ITargetDefinition DependsOn(params Target[] targets) => Set(() => DependsOnTargets.AddRange(targets));
    public ITargetDefinition DependentFor(params Target[] targets) => Set(() => DependentForTargets.AddRange(targets));
    public ITargetDefinition After(params Target[] targets) => Set(() => AfterTargets.AddRange(targets));
    public ITargetDefinition Before(params Target[] targets) => Set(() => BeforeTargets.AddRange(targets));
    public ITargetDefinition Triggers(params Target[] targets) => Set(() => TriggersTargets.AddRange(targets));
    public ITargetDefinition TriggeredBy(params Target[] targets) => Set(() => TriggeredByTargets.AddRange(targets));

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? text = null) =>
        Set(() => StaticConditions.Add(new(condition, Clean(text))));

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? text = null) =>
        Set(() => DynamicConditions.Add(new(condition, Clean(text))));

    public ITargetDefinition Requires(Func<object?> parameter, string? text = null) =>
        Set(() => RequiredParameters.Add(new(parameter, Clean(text))));

    public ITargetDefinition Requires(Func<bool> condition, string? text = null) =>
        Set(() => RequiredConditions.Add(new(condition, Clean(text))));

    public ITargetDefinition ProceedAfterFailure() => Set(() => ProceedsAfterFailure = true);
    public ITargetDefinition AssuredAfterFailure() => Set(() => IsAssuredAfterFailure = true);
    public ITargetDefinition Unlisted() => Set(() => IsUnlisted = true);

    public ITargetDefinition Executes(Action action) => Set(() => Actions.Add(_ => { action(); return Task.CompletedTask; }));
    public ITargetDefinition Executes(Func<Task> action) => Set(() => Actions.Add(_ => action()));
    public ITargetDefinition Executes(Func<CancellationToken, Task> action) => Set(() => Actions.Add(action));

    private TargetDefinition Set(Action change)
    {
        change();
        return this;
    }

    /// <summary>"() => !IsLocalBuild" → "!IsLocalBuild": the reason reads like the code.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "condition";
        var arrow = text.IndexOf("=>", StringComparison.Ordinal);
        var body = arrow >= 0 && text.TrimStart().StartsWith('(') ? text[(arrow + 2)..] : text;
        return string.Join(' ', body.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }
}
