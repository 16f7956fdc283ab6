using Drydock.Engine.Parameters;

partial class Build
{
    [Parameter("Build configuration for compile and publish")]
    readonly Configuration Configuration = Configuration.Release;

    [Parameter("The service project to publish and ship")]
    readonly string Project = "src/Notes/Notes.csproj";

    [Parameter("Image name in the registry (default: the project's name in lower case)")]
    readonly string? ImageName;

    [Parameter("Registry to push to (default: a local registry on 127.0.0.1:5000, started if needed)")]
    readonly string? Registry;

    [Parameter("User name for the registry")]
    readonly string? RegistryUsername;

    [Parameter("Password for the registry"), Secret]
    readonly string? RegistryPassword;

    [Parameter("Base image for the service (built offline from Debian packages when it cannot be found)")]
    readonly string? BaseImage;

    [Parameter("Allow a dirty working tree; the tag then carries a suffix derived from the diff")]
    readonly bool AllowDirty;

    [Parameter("HTTP path that answers 200 when the service is ready")]
    readonly string HealthPath = "/health/ready";

    [Parameter("Environment to deploy to, roll back or inspect")]
    readonly string Environment = "local";

    [Parameter("Version to roll back to (default: the previous release)")]
    readonly string? ToVersion;
}

enum Configuration
{
    Debug,
    Release,
}
