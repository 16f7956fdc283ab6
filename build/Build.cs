using Drydock.Engine;
using Drydock.Engine.Targets;

/// <summary>
/// Drydock's build. Compile → Test → Publish → BuildImage → TagImage → PushImage → Deploy, plus Rollback.
/// Each concern lives in its own partial: Build.Compile.cs, Build.Release.cs, Build.Operate.cs.
/// </summary>
partial class Build : DrydockBuild
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Test);

    static Exception NotImplementedYet(string target, int issue) =>
        new NotSupportedException($"{target} is not implemented yet (issue {issue}).");
}
