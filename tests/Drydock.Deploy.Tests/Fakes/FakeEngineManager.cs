using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy.Tests;

/// <summary>A <see cref="ReleaseManager"/> on the fake engine, as the deploy-flow tests use it: replace strategy,
/// an always-healthy probe, fast health polls and the test's history; each test adds what it is about with <c>with</c>.</summary>
internal static class FakeEngineManager
{
    public static ReleaseManagerOptions Options(InMemoryHistory history) => new()
    {
        Strategy = new ReplaceStrategy(),
        Probe = FakeProbe.AlwaysHealthy(),
        History = history,
        HealthPollInterval = TimeSpan.FromMilliseconds(5),
        ReadEnvironment = name => name == "USER" ? "dev" : null,
    };

    public static ReleaseManager Create(FakeDockerEngine engine, RecordingBuildLog log, ReleaseManagerOptions options) =>
        new(new DockerCli(engine) { Masker = new SecretMasker() }, log, options);
}
