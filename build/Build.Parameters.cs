using Drydock.Deploy;
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

    [Parameter("HTTP path that answers 2xx when the service is ready (default: the environment's, else /health/ready)")]
    readonly string? HealthPath;

    [Parameter("Environment to deploy to, roll back or inspect; its settings are in .nuke/environments/<name>.json")]
    readonly string Environment = EnvironmentId.DefaultName;

    [Parameter("Version to roll back to (default: the previous release)")]
    readonly string? ToVersion;

    [Parameter("Environment variables for the container, KEY=VALUE (recorded with the release)")]
    readonly string[] Env = [];

    [Parameter("Names of variables of this runner's environment passed to the container as secrets (never printed)")]
    readonly string[] SecretEnv = [];

    [Parameter("How a new release takes over: Edge (zero downtime, the default) or Replace (default: the environment's)")]
    readonly DeployStrategyKind? Strategy;

    [Parameter("Host port of the service (default: the environment's, else 8080)")]
    readonly int? HostPort;

    [Parameter("Address the host port binds to (default: the environment's, else 127.0.0.1)")]
    readonly string? Bind;

    [Parameter("How long a new release may take to become healthy (default: the environment's, else 2m)")]
    readonly TimeSpan? DeployTimeout;

    [Parameter("How long the replaced release may finish in-flight requests (default: the environment's, else 30s)")]
    readonly TimeSpan? DrainTimeout;

    [Parameter("How long a new release is watched on real traffic after the switch, reverted at once if it fails; 0 turns it off (default: the environment's verification.window, else 30s)")]
    readonly TimeSpan? VerifyFor;

    [Parameter("A shell command run before the switch against the new release through the edge (DRYDOCK_SMOKE_URL, DRYDOCK_CANDIDATE_HEADER and DRYDOCK_CANDIDATE_TOKEN in its environment), e.g. dotnet test tests/Smoke; non-zero fails the deploy (default: the environment's smoke)")]
    readonly string? Smoke;

    [Parameter("How many replaced releases stay stopped for a fast rollback (default: the environment's, else 5)")]
    readonly int? KeepReleases;

    [Parameter("Memory limit of the container, e.g. 512m (default: the environment's)")]
    readonly string? Memory;

    [Parameter("CPU limit of the container, e.g. 1.0 (default: the environment's)")]
    readonly string? Cpus;
}

enum Configuration
{
    Debug,
    Release,
}
