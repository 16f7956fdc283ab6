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
            foreach (var condition in target.Node.Definition.RequiredConditions.Where(c => !c.Evaluate()))
                problems.Add($"{target.Node.Name} requires {condition.Text}, which is false.");
        }
        if (problems.Count > 0)
            throw new PlanningException("Nothing was run:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        Array a => a.Length == 0,
        _ => false,
    };
}
