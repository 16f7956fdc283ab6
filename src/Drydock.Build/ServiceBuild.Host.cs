using Drydock.Deploy;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Planning;
using Drydock.Registry;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    SshEngineTunnel? _tunnel;
    DockerCli? _environmentEngine;
    (DockerHost Host, EnvironmentHost Where)? _environmentHost;

    /// <summary>Where --environment runs, parsed once; a bad setting stops the build before anything runs, naming the accepted forms.</summary>
    (DockerHost Host, EnvironmentHost Where) EnvironmentDockerHost
    {
        get
        {
            if (_environmentHost is { } known)
                return known;
            try
            {
                var where = Settings.Host ?? throw new PlanningException($"Nothing was run: {Settings.HostProblem}");
                return (_environmentHost = (DockerHost.Parse(where.Host), where)).Value;
            }
            catch (Exception e) when (e is DockerHostFormatException or ArgumentException or DeployException)
            {
                throw new PlanningException($"Nothing was run: {e.Message}");
            }
        }
    }

    /// <summary>
    /// A step against the environment's engine. When the run's SSH connection ended under it, the failure says so (with
    /// what keeps serving and the rerun) instead of docker's error about a socket of the runner.
    /// </summary>
    async Task<T> OnEnvironmentEngineAsync<T>(string target, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (_tunnel is { IsOpen: false } tunnel && e is not OperationCanceledException and not RemoteHostException)
        {
            throw SshConnectionDropped.Exception(tunnel.Target, $"./build.sh {target} --environment {Environment}", e);
        }
    }

    /// <summary>For <c>Requires</c>: the host setting parses (the targets that talk to the environment's engine).</summary>
    bool HostIsValid => EnvironmentDockerHost.Host is not null;

    /// <summary>For Deploy and Rollback's <c>Requires</c>: the strategy can check health where the host is (replace cannot over SSH).</summary>
    bool StrategyFitsHost =>
        RemoteHostStrategy.Refusal(EnvironmentDockerHost.Host, EnvironmentConfig.Strategy, Environment) is { } refusal
            ? throw new PlanningException($"Nothing was run: {refusal}")
            : true;

    /// <summary>
    /// The docker CLI of the environment's engine. For an ssh:// host: ONE tunnel for the whole run (every docker call of
    /// Deploy, Rollback, Status, History, drift, lock, retention and the edge goes through it), with the host's
    /// 127.0.0.1:5000 forwarded back to the runner's embedded registry when no --registry is given (or the port of a
    /// --registry on the runner's loopback, see <see cref="RegistryReverseForward"/>), so the same
    /// <c>127.0.0.1:5000/app@sha256:…</c> pulls on both sides. Closed at the end of the run and on Ctrl-C.
    /// </summary>
    async Task<DockerCli> EnvironmentEngineAsync(CancellationToken cancellationToken)
    {
        if (_environmentEngine is not null)
            return _environmentEngine;
        var local = await Release.DockerAsync(cancellationToken);
        var (host, where) = EnvironmentDockerHost;
        switch (host)
        {
            case DockerHost.Context context:
                Log.Information($"{Environment} runs on the engine of Docker context {context.Name}");
                return _environmentEngine = local.WithDockerContext(context.Name);
            case DockerHost.Ssh ssh:
                var options = new SshTunnelOptions(ssh.Target)
                {
                    KnownHostsFile = where.KnownHostsFile,
                    ReverseForwards = RegistryReverseForward.For(RegistryOfRun) is { } forward ? [forward] : [],
                }.WithKnownHostsFromEnvironment(System.Environment.GetEnvironmentVariable);
                _tunnel = await SshEngineTunnel.OpenAsync(options, local, Log.Current, cancellationToken);
                return _environmentEngine = _tunnel.Docker(local);
            default:
                return _environmentEngine = local;
        }
    }
}
