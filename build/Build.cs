using Drydock.Engine;
using Drydock.Engine.Targets;

/// <summary>
/// Drydock's build. Compile → Test → Publish → BuildImage → TagImage → PushImage → ShipImage → Deploy, plus Rollback.
/// Each concern lives in its own partial: Build.Parameters.cs, Build.Compile.cs, Build.Images.cs, Build.Operate.cs.
/// </summary>
partial class Build : DrydockBuild
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Test);
}
