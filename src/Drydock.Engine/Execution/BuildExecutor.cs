using System.Diagnostics;
using Drydock.Engine.Output;
using Drydock.Engine.Planning;

namespace Drydock.Engine.Execution;

/// <summary>
/// Runs a plan in order. A failure stops the build: later targets are NotRun, except AssuredAfterFailure ones (clean-up);
/// a ProceedAfterFailure target's failure only stops its dependents. Cancellation (Ctrl-C) aborts the running target.
/// </summary>
public sealed class BuildExecutor(IBuildLog log)
{
    public async Task<IReadOnlyList<TargetOutcome>> RunAsync(IReadOnlyList<PlannedTarget> plan, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, TargetOutcome>();
        var buildFailed = false;

        foreach (var planned in plan)
        {
            var node = planned.Node;
            var definition = node.Definition;
            TargetOutcome Record(TargetOutcome outcome) => outcomes[node.Name] = outcome;

            if (planned.SkipReason is not null)
            {
                Record(new(node.Name, TargetStatus.Skipped, TimeSpan.Zero, planned.SkipReason));
                continue;
            }
            if (cancellationToken.IsCancellationRequested || (buildFailed && !definition.IsAssuredAfterFailure))
            {
                Record(new(node.Name, TargetStatus.NotRun, TimeSpan.Zero));
                continue;
            }
            var brokenDependency = node.Dependencies.FirstOrDefault(d =>
                outcomes.TryGetValue(d.Name, out var o) && o.Status is TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.NotRun);
            if (brokenDependency is not null && !definition.IsAssuredAfterFailure)
            {
                Record(new(node.Name, TargetStatus.NotRun, TimeSpan.Zero, $"{brokenDependency.Name} did not succeed"));
                continue;
            }
            var outcome = Record(await RunOneAsync(planned, cancellationToken));
            if (outcome.Status == TargetStatus.Aborted || (outcome.Status == TargetStatus.Failed && !definition.ProceedsAfterFailure))
                buildFailed = true;
        }
        return plan.Select(p => outcomes[p.Node.Name]).ToList();
    }

    private async Task<TargetOutcome> RunOneAsync(PlannedTarget planned, CancellationToken cancellationToken)
    {
        var name = planned.Node.Name;
        log.BeginGroup(name);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            // Inside the try: a condition that cannot be evaluated (a registry that refuses, say) fails its target cleanly.
            var falseCondition = planned.Node.Definition.DynamicConditions.FirstOrDefault(c => !c.Evaluate());
            if (falseCondition is not null)
                return new(name, TargetStatus.Skipped, TimeSpan.Zero, $"condition false: {falseCondition.Text}");
            foreach (var action in planned.Node.Definition.Actions)
                await action(cancellationToken);
            return new(name, TargetStatus.Succeeded, stopwatch.Elapsed);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or Tooling.ToolFailedException)
        {
            log.Write(LogLevel.Error, $"{name} was aborted.");
            return new(name, TargetStatus.Aborted, stopwatch.Elapsed, "cancelled");
        }
        catch (Exception e)
        {
            var error = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : e;
            log.Write(LogLevel.Error, error.Message);
            log.Write(LogLevel.Debug, error.StackTrace ?? string.Empty);
            return new(name, TargetStatus.Failed, stopwatch.Elapsed, FirstLine(error.Message));
        }
        finally
        {
            log.EndGroup();
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
