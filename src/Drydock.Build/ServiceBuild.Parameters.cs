using Drydock.Deploy;
using Drydock.Engine.Parameters;

namespace Drydock.Build;

/// <summary>
/// The build's own parameters. Those that override a key of the environment file (--host-port, --strategy, --host, …)
/// are declared once with that key, in <see cref="EnvironmentSettingTable"/> (see ServiceBuild.Settings.cs).
/// </summary>
public abstract partial class ServiceBuild
{
    [Parameter("Build configuration for compile and publish")]
    protected readonly Configuration Configuration = Configuration.Release;

    [Parameter("The service project to publish and ship (Setup writes it to .nuke/parameters.json)")]
    protected readonly string? Project;

    [Parameter("Image name in the registry (default: the project's name in lower case)")]
    protected readonly string? ImageName;

    [Parameter("User name for the registry")]
    protected readonly string? RegistryUsername;

    [Parameter("Password for the registry"), Secret]
    protected readonly string? RegistryPassword;

    [Parameter("Base image for the service (built offline from Debian packages when it cannot be found)")]
    protected readonly string? BaseImage;

    [Parameter("Allow a dirty working tree; the tag then carries a suffix derived from the diff")]
    protected readonly bool AllowDirty;

    [Parameter("Environment to deploy to, roll back or inspect; its settings are in .nuke/environments/<name>.json")]
    protected readonly string Environment = EnvironmentId.DefaultName;

    [Parameter("Deploy to --environment although it has no file under .nuke/environments/ and nothing on the engine yet (without it, such a name is refused as a likely typo)")]
    protected readonly bool NewEnvironment;

    [Parameter("Version to roll back to (default: the previous release)")]
    protected readonly string? ToVersion;

    [Parameter("Deploy: replace an edge whose port, bind or certificate settings changed (its port is briefly unanswered); without it such a deploy is refused and the edge keeps serving as it is")]
    protected readonly bool RecreateEdge;

    [Parameter("Remove: delete the environment's data and history volumes too (needs --confirm <app>-<environment>)")]
    protected readonly bool DeleteData;

    [Parameter("Remove --delete-data: the environment's own name, <app>-<environment> (e.g. notes-pr-42), to confirm deleting its data")]
    protected readonly string? Confirm;
}

public enum Configuration
{
    Debug,
    Release,
}
