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

    /// <summary>
    /// Two suites at once: the integration suites mostly wait (health checks, deploy timeouts, drains, SSH, container
    /// starts), so a second lane halves the wall time on CI's two cores; what they share on a fresh machine (base, edge
    /// and node images, the local registry, dockerd) is made by the first while the other waits (MachineLock).
    /// </summary>
    protected override int DefaultTestLanes => 2;

    /// <summary>
    /// Only for a clean clone, which CI runs and which has no TRX files yet: after any run here the lanes order by those.
    /// </summary>
    protected override IReadOnlyList<string> SlowestTestProjectsFirst =>
    [
        "Drydock.Deploy.IntegrationTests", "Drydock.Swarm.IntegrationTests", "Drydock.Remote.IntegrationTests",
        "Drydock.Setup.IntegrationTests", "Drydock.IntegrationTests", "Drydock.Edge.Tls.IntegrationTests",
        "Drydock.Acme.IntegrationTests", "Drydock.Edge.IntegrationTests",
        "Drydock.Edge.Tests", "Drydock.Engine.Tests", "Drydock.Versioning.Tests", "Notes.Tests",
    ];
}
