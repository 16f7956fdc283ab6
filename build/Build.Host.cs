using Drydock.Deploy;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Parameters;
using Drydock.Registry;

partial class Build
{
    [Parameter("Server whose engine runs --environment: ssh://user@server:22 or a Docker context name (default: the environment's \"host\", else the local engine; DOCKER_HOST keeps working)")]
    readonly string? Host;

    SshEngineTunnel? _tunnel;
    DockerCli? _environmentEngine;

    /// <summary>
    /// The docker CLI of the environment's engine. For an ssh:// host: ONE tunnel for the whole run (every docker call of
    /// Deploy, Rollback, Status, History, drift, lock, retention and the edge goes through it), with the host's
    /// 127.0.0.1:5000 forwarded back to the runner's embedded registry when no --registry is given, so the same
    /// <c>127.0.0.1:5000/app@sha256:…</c> pulls on both sides. Closed at the end of the run and on Ctrl-C.
    /// </summary>
    async Task<DockerCli> EnvironmentEngineAsync(CancellationToken cancellationToken)
    {
        if (_environmentEngine is not null)
            return _environmentEngine;
        var local = await Release.DockerAsync(cancellationToken);
        var where = EnvironmentHost.Load(RootDirectory, Environment);
        var host = DockerHost.Parse(Host ?? where.Host);
        switch (host)
        {
            case DockerHost.Context context:
                Log.Information($"{Environment} runs on the engine of Docker context {context.Name}");
                return _environmentEngine = local.WithDockerContext(context.Name);
            case DockerHost.Ssh ssh:
                var options = new SshTunnelOptions(ssh.Target)
                {
                    KnownHostsFile = where.KnownHostsFile,
                    ReverseForwards = Registry is { Length: > 0 } ? [] : [EmbeddedRegistryForward],
                }.WithKnownHostsFromEnvironment(System.Environment.GetEnvironmentVariable);
                _tunnel = await SshEngineTunnel.OpenAsync(options, local, Log.Current, cancellationToken);
                return _environmentEngine = _tunnel.Docker(local);
            default:
                return _environmentEngine = local;
        }
    }

    static SshReverseForward EmbeddedRegistryForward =>
        SshReverseForward.SamePort(int.Parse(LocalRegistry.DefaultAddress.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
}
