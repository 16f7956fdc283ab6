using Drydock.Deploy;
using Drydock.Engine.Parameters;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    [Parameter("Build configuration for compile and publish")]
    protected readonly Configuration Configuration = Configuration.Release;

    [Parameter("The service project to publish and ship (Setup writes it to .nuke/parameters.json)")]
    protected readonly string? Project;

    [Parameter("Image name in the registry (default: the project's name in lower case)")]
    protected readonly string? ImageName;

    [Parameter("Registry to push to (default: the environment's \"registry\", else a local registry on 127.0.0.1:5000, started if needed)")]
    protected readonly string? Registry;

    /// <summary>The registry of this run: the parameter, else the environment file's (a cluster's is usually there).</summary>
    string? RegistryOfRun => Registry ?? EnvironmentDockerHost.Where.Registry;

    [Parameter("User name for the registry")]
    protected readonly string? RegistryUsername;

    [Parameter("Password for the registry"), Secret]
    protected readonly string? RegistryPassword;

    [Parameter("Base image for the service (built offline from Debian packages when it cannot be found)")]
    protected readonly string? BaseImage;

    [Parameter("Allow a dirty working tree; the tag then carries a suffix derived from the diff")]
    protected readonly bool AllowDirty;

    [Parameter("HTTP path that answers 2xx when the service is ready (default: the environment's, else /health/ready)")]
    protected readonly string? HealthPath;

    [Parameter("Environment to deploy to, roll back or inspect; its settings are in .nuke/environments/<name>.json")]
    protected readonly string Environment = EnvironmentId.DefaultName;

    [Parameter("Version to roll back to (default: the previous release)")]
    protected readonly string? ToVersion;

    [Parameter("Environment variables for the container, KEY=VALUE (recorded with the release)")]
    protected readonly string[] Env = [];

    [Parameter("Names of variables of this runner's environment passed to the container as secrets (never printed)")]
    protected readonly string[] SecretEnv = [];

    [Parameter("How a new release takes over: Edge (zero downtime, the default) or Replace (default: the environment's)")]
    protected readonly DeployStrategyKind? Strategy;

    [Parameter("Host port of the service (default: the environment's, else 8080)")]
    protected readonly int? HostPort;

    [Parameter("Address the host port binds to (default: the environment's, else 127.0.0.1)")]
    protected readonly string? Bind;

    [Parameter("How long a new release may take to become healthy (default: the environment's, else 2m)")]
    protected readonly TimeSpan? DeployTimeout;

    [Parameter("How long the replaced release may finish in-flight requests (default: the environment's, else 30s)")]
    protected readonly TimeSpan? DrainTimeout;

    [Parameter("How long a new release is watched on real traffic after the switch, reverted at once if it fails; 0 turns it off (default: the environment's verification.window, else 30s)")]
    readonly TimeSpan? VerifyFor;

    [Parameter("A shell command run before the switch against the new release through the edge (DRYDOCK_SMOKE_URL, DRYDOCK_CANDIDATE_HEADER and DRYDOCK_CANDIDATE_TOKEN in its environment), e.g. dotnet test tests/Smoke; non-zero fails the deploy (default: the environment's smoke)")]
    readonly string? Smoke;

    [Parameter("How many replaced releases stay stopped for a fast rollback (default: the environment's, else 5)")]
    protected readonly int? KeepReleases;

    [Parameter("Memory limit of the container, e.g. 512m (default: the environment's)")]
    protected readonly string? Memory;

    [Parameter("CPU limit of the container, e.g. 1.0 (default: the environment's)")]
    protected readonly string? Cpus;
}

public enum Configuration
{
    Debug,
    Release,
}
