using Drydock.Engine.Parameters;
using Drydock.Engine.Planning;
using Drydock.Engine.Targets;

namespace Drydock.Engine.Tests;

/// <summary>Requirements that explain themselves by throwing join one list, whichever target's check comes first, so a bad input is reported before any target runs.</summary>
public sealed class RequirementCheckTests
{
    private sealed class ExplainingBuild : DrydockBuild
    {
        public int Checked;

        private bool InputsAreValid => ++Checked > 0
            ? throw new PlanningException("Nothing was run:\n  - the file has a typo\n  - --env FOO has no value")
            : true;

        private bool SecretsAreSet => throw new PlanningException("Nothing was run:\n  - API_KEY is not set");

        public Target Publish => _ => _.Requires(() => InputsAreValid).Executes(() => { });

        public Target Deploy => _ => _.DependsOn(Publish).Requires(() => InputsAreValid).Requires(() => SecretsAreSet).Requires(() => Checked > 99).Executes(() => { });
    }

    [Fact]
    public void Every_target_is_checked_and_each_problem_is_listed_once()
    {
        var build = new ExplainingBuild();
        var graph = TargetGraph.FromBuild(build, b => ((ExplainingBuild)b).Deploy);
        var plan = ExecutionPlanner.Plan(graph, [graph.Find("Deploy")!], null);

        var error = Assert.Throws<PlanningException>(() => RequirementCheck.Verify(plan, ParameterMember.Discover(typeof(ExplainingBuild))));

        Assert.Equal(2, build.Checked);
        var items = error.Message.Split('\n').Where(l => l.StartsWith("  - ", StringComparison.Ordinal)).Select(l => l[4..].TrimEnd('\r')).ToList();
        Assert.Equal(["the file has a typo", "--env FOO has no value", "API_KEY is not set", "Deploy requires Checked > 99, which is false."], items);
        Assert.StartsWith("Nothing was run:", error.Message);
        Assert.Single(error.Message.Split("Nothing was run:").Skip(1));
    }
}
