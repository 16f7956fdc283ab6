namespace Drydock.Docker;

/// <summary>
/// One docker CLI invocation described as data (Kamal's command objects): deciding what to run stays testable
/// without an engine, because rendering is pure and running happens only in <see cref="DockerCli"/>.
/// </summary>
public interface IDockerSettings
{
    /// <summary>The arguments after <c>docker</c>, e.g. <c>["image", "inspect", "app:1"]</c>.</summary>
    IReadOnlyList<string> ToArguments();

    /// <summary>Variables for the docker CLI process itself (never on its command line); see <see cref="ContainerSecrets"/>.</summary>
    IReadOnlyDictionary<string, string?> ProcessEnvironment => ContainerSecrets.None.ProcessEnvironment;
}
