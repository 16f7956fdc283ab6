using Drydock.Engine.Parameters;

namespace Drydock.Engine.Planning;

/// <summary>Requires(...) of every target that will run, checked together before the first one starts, so nothing is half done.</summary>
public static class RequirementCheck
{
    public static void Verify(IReadOnlyList<PlannedTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        var problems = new List<string>();
        foreach (var target in plan.Where(t => t.SkipReason is null))
        {
            foreach (var requirement in target.Node.Definition.RequiredParameters.Where(r => IsMissing(r.Value())))
            {
                var member = parameters.FirstOrDefault(p => p.MemberName == requirement.MemberName);
                problems.Add(member is null
                    ? $"{target.Node.Name} requires {requirement.Text}, which has no value."
                    : $"{target.Node.Name} requires parameter {member.CommandLineName}: pass {member.CommandLineName} <value>, set {member.EnvironmentName}, or add \"{member.MemberName}\" to .nuke/parameters.json.");
            }
            foreach (var condition in target.Node.Definition.RequiredConditions)
            {
                // A condition may explain itself by throwing: its problems join the others (once, when two targets share
                // a check), so one run lists everything wrong, whichever target's check happens to come first.
                try
                {
                    if (!condition.Evaluate())
                        problems.Add($"{target.Node.Name} requires {condition.Text}, which is false.");
                }
                catch (PlanningException e)
                {
                    problems.AddRange(Lines(e.Message).Where(line => !problems.Contains(line)));
                }
            }
        }
        if (problems.Count > 0)
            throw new PlanningException(NothingWasRun + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
    }

    private const string NothingWasRun = "Nothing was run:";

    /// <summary>A thrown problem as list items: its own "Nothing was run:" and bullets removed, so they nest in ours.</summary>
    private static IEnumerable<string> Lines(string message)
    {
        var text = message.StartsWith(NothingWasRun, StringComparison.Ordinal) ? message[NothingWasRun.Length..] : message;
        return text.Split('\n').Select(line => line.Trim()).Select(line => line.StartsWith("- ", StringComparison.Ordinal) ? line[2..] : line).Where(line => line.Length > 0);
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        Array a => a.Length == 0,
        _ => false,
    };
}
