using Drydock.Docker;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The edge (<see cref="DeployEdge"/>) in the server's one host-wide container: read it (<see cref="ReadAsync"/>), build
/// its spec from an environment's settings, carry out a <see cref="HostEdgePlan"/> (container, network, host
/// declarations, certificates), and open its clients. Holds no state.
/// </summary>
public sealed class HostWideEdge(DockerCli docker, IBuildLog log, EdgeStrategyOptions options)
{
    public DeployEdge Edge { get; } = new(docker, log, options);

    public string Name => options.HostEdgeName;


    public EdgeAdminClient Admin() => Edge.Admin(Name);

    /// <summary>The container and, when it runs and answers, its host routes.</summary>
    public async Task<HostEdgeView> ReadAsync(CancellationToken cancellationToken)
    {
        var container = await docker.InspectContainerAsync(Name, cancellationToken);
        if (container is not { Running: true })
            return new HostEdgeView(Name, container, []);
        using var hosts = Admin();
        try
        {
            return new HostEdgeView(Name, container, await hosts.ListAsync(cancellationToken));
        }
        catch (HttpRequestException)
        {
            // Running but not answering yet (just started by another environment's deploy): declared again below.
            return new HostEdgeView(Name, container, []);
        }
    }

    /// <summary>The edge's spec from the environment's settings; ensures the edge image exists.</summary>
    public async Task<HostEdgeSpec> SpecAsync(EnvironmentHttps https, string bind, ContainerState? existing, CancellationToken cancellationToken) =>
        new(Name, await Edge.ImageAsync(existing, cancellationToken), https.HttpPort, https.HttpsPort, bind, https.Directory)
        {
            AcmeEmail = https.AcmeEmail,
            CaBundlePem = https.AcmeCaBundle is { Length: > 0 } bundle ? await File.ReadAllTextAsync(bundle, cancellationToken) : null,
            RenewalCheck = options.HostEdgeRenewalCheck,
        };

    /// <summary>Makes the edge exist and answer as the plan says, then joins it to the environment's network.</summary>
    public async Task EnsureAsync(HostEdgeSpec spec, HostEdgePlan plan, EnvironmentId environment, CancellationToken cancellationToken)
    {
        if (plan.Container is EdgeContainerAction.Create or EdgeContainerAction.Recreate)
        {
            await Edge.EnsureExistsAsync(spec.ToNetworkSettings(), $"create network {spec.Network}", cancellationToken);
            await docker.CreateVolumeAsync(new DockerVolumeCreateSettings(spec.StateVolume) { Labels = HostEdgeSpec.Labels }, cancellationToken);
            if (plan.Container == EdgeContainerAction.Recreate && plan.Running)
            {
                log.Write(LogLevel.Warning, $"Replacing {Name}: {plan.Reason}. Ports {spec.HttpPort}/{spec.HttpsPort} go unanswered for every app from the old edge's stop until the new one listens; host routes and certificates are kept.");
                await new EdgeReplacement(docker, log).ReplaceAsync(spec.ToRunSettings(), next => CopyCaBundleAsync(spec, next, cancellationToken), cancellationToken);
            }
            else
            {
                if (plan.Container == EdgeContainerAction.Recreate)
                    await docker.RemoveContainersAsync(new DockerRmSettings(Name) { Force = true }, cancellationToken);
                log.Write(LogLevel.Information, $"Starting the host-wide edge {Name} on ports {spec.HttpPort} and {spec.HttpsPort} ({plan.Reason})");
                await CreateAndStartAsync(spec, cancellationToken);
            }
        }
        else if (plan.Container == EdgeContainerAction.Start)
        {
            log.Write(LogLevel.Information, $"Starting the host-wide edge ({plan.Reason})");
            await docker.ExecuteAsync(new DockerStartSettings(Name), echoOutput: false, cancellationToken: cancellationToken);
        }
        else if (plan.Container == EdgeContainerAction.KeepOutdated)
            log.Write(LogLevel.Warning, $"The host-wide edge {plan.Reason}.");

        await Edge.WaitUntilAnswersAsync(Name, "Nothing was switched.", cancellationToken);
        // The edge joins each environment's network (releases stay on their own: apps never see each other).
        await Edge.EnsureExistsAsync(new DockerNetworkCreateSettings(environment.Network) { Driver = "bridge", Labels = EdgeLabels.Owner(environment) }, $"create network {environment.Network}", cancellationToken);
        await Edge.EnsureExistsAsync(new DockerNetworkConnectSettings(environment.Network, Name), $"connect {Name} to network {environment.Network}", cancellationToken);
    }

    private async Task CreateAndStartAsync(HostEdgeSpec spec, CancellationToken cancellationToken)
    {
        // Already there: another environment's deploy created it a moment ago, so that one is used.
        if (!await Edge.EnsureExistsAsync(new DockerCreateSettings(spec.ToRunSettings()), $"create the host-wide edge {Name} (every app keeps its route)", cancellationToken))
            return;
        await CopyCaBundleAsync(spec, Name, cancellationToken);
        await docker.ExecuteAsync(new DockerStartSettings(Name), echoOutput: false, cancellationToken: cancellationToken);
    }

    /// <summary>A public CA certificate, readable by the edge's non-root user; copied while the edge is not started yet.</summary>
    private async Task CopyCaBundleAsync(HostEdgeSpec spec, string container, CancellationToken cancellationToken)
    {
        if (spec.CaBundlePem is not { } pem)
            return;
        var file = Path.Combine(Path.GetTempPath(), $"drydock-acme-ca-{Guid.NewGuid():N}.pem");
        try
        {
            await File.WriteAllTextAsync(file, pem, cancellationToken);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await docker.ExecuteAsync(new DockerCpSettings(file, $"{container}:{HostEdgeSpec.CaBundlePath}"), echoOutput: false, cancellationToken: cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
