using Drydock.Build;

/// <summary>
/// Drydock's own build: the service build every user gets from the Drydock.Build package (Compile → Test → Publish →
/// BuildImage → TagImage → PushImage → ShipImage → Deploy, plus Rollback; src/Drydock.Build), shipping src/Notes
/// (.nuke/parameters.json), plus what only this repository does: Pack, PublishPackages and Setup (Build.Packages.cs).
/// </summary>
partial class Build : ServiceBuild
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Test);

    /// <summary>Drydock's solution always has test projects: none found means the solution file lost them.</summary>
    protected override bool RequireTests => true;
}
