using Drydock.Engine.Output;

namespace Drydock.Docker;

/// <summary>
/// One SSH connection to a host for the whole run: the host's engine socket forwarded to a private local socket that
/// the docker CLI uses through DOCKER_HOST. Every docker command then costs a local socket round trip instead of
/// a new SSH handshake. Closed on dispose, on cancellation (Ctrl-C) and on process exit; its files go with it.
/// </summary>
public sealed class SshEngineTunnel : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);
    private readonly object _closeLock = new();
    private readonly EventHandler _onExit;
    private readonly ConsoleCancelEventHandler _onCancelKey;
    private CancellationTokenRegistration _onCancelled;
    private bool _closed;

    private SshEngineTunnel(SshTarget target, string privateDirectory, int processGroup)
    {
        Target = target;
        PrivateDirectory = privateDirectory;
        ProcessGroup = processGroup;
        _onExit = (_, _) => Close();
        _onCancelKey = (_, _) => Close();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
        Console.CancelKeyPress += _onCancelKey;
    }

    public SshTarget Target { get; }

    /// <summary>The mode-700 directory holding the socket, the ssh log and the known_hosts written for the run.</summary>
    public string PrivateDirectory { get; }

    /// <summary>The process group of the ssh client (and its guard) this tunnel started.</summary>
    public int ProcessGroup { get; }

    public string LocalSocket => SshTunnelOptions.SocketPath(PrivateDirectory);

    /// <summary>The DOCKER_HOST value that reaches the host's engine through the tunnel.</summary>
    public string DockerHost => $"unix://{LocalSocket}";

    public bool IsOpen => !_closed && TunnelProcess.IsAlive(ProcessGroup);

    /// <summary>The engine version the host answered with when the tunnel opened.</summary>
    public string EngineVersion { get; private set; } = string.Empty;

    /// <summary>A docker CLI like the given one that talks to the host's engine.</summary>
    public DockerCli Docker(DockerCli local) => local.WithDockerHost(DockerHost);

    /// <summary>
    /// Starts ssh and returns once the host's engine answers through the forwarded socket. Throws
    /// <see cref="RemoteHostException"/> naming the fix (and leaves no process or file behind) when it cannot.
    /// </summary>
    public static async Task<SshEngineTunnel> OpenAsync(SshTunnelOptions options, DockerCli docker, IBuildLog log, CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
            throw new RemoteHostException(RemoteHostFailure.TunnelFailed, $"Deploying to {options.Target} needs a Linux or macOS runner (the tunnel forwards the engine to a Unix socket); on Windows run the build in WSL.");
        if (StaleTunnelDirectories.Remove(Path.GetTempPath(), TunnelProcess.IsAlive) is > 0 and var removed)
            log.Write(LogLevel.Debug, $"Removed {removed} tunnel directory(ies) of killed builds");
        var directory = Directory.CreateTempSubdirectory(StaleTunnelDirectories.Prefix).FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        StaleTunnelDirectories.WriteOwner(directory, Environment.ProcessId);
        var settings = options.Settings(directory);
        if (options.KnownHostsContents is { } knownHosts)
            WritePrivate(SshTunnelOptions.KnownHostsPath(directory), knownHosts.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");

        log.Write(LogLevel.Information, $"Opening one SSH connection to {options.Target} for this run (engine socket forwarded{Forwards(options)})");
        var started = DateTime.UtcNow;
        int group;
        try
        {
            group = await TunnelProcess.StartAsync(docker.Runner, LogPath(directory), settings.Executable, settings.ToArguments(), options.SshEnvironment, cancellationToken);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }

        var tunnel = new SshEngineTunnel(options.Target, directory, group);
        try
        {
            tunnel._onCancelled = cancellationToken.Register(tunnel.Close);
            tunnel.EngineVersion = await tunnel.WaitUntilReadyAsync(options, docker, cancellationToken);
        }
        catch
        {
            tunnel.Close();
            throw;
        }
        log.Write(LogLevel.Information, $"Connected to {options.Target}: Docker engine {tunnel.EngineVersion} ({(DateTime.UtcNow - started).TotalMilliseconds:F0} ms)");
        return tunnel;
    }

    private async Task<string> WaitUntilReadyAsync(SshTunnelOptions options, DockerCli local, CancellationToken cancellationToken)
    {
        var remote = Docker(local);
        var deadline = DateTime.UtcNow + options.ConnectTimeout + options.ReadyTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TunnelProcess.IsAlive(ProcessGroup))
                throw SshFailure.FromExit(Target, SshLog(), options.KnownHostsSource);
            if (File.Exists(LocalSocket))
            {
                var result = await remote.ExecuteAsync(new DockerVersionSettings(), throwOnError: false, echoOutput: false, cancellationToken);
                var json = result.StandardOutput.FirstOrDefault(line => line.TrimStart().StartsWith('{'));
                if (json is not null && DockerOutput.ParseVersion(json).ServerVersion is { } version)
                {
                    return DockerEngineRequirement.Check(Target, version) is { } tooOld
                        ? throw new RemoteHostException(RemoteHostFailure.EngineTooOld, tooOld)
                        : version;
                }
                if (SshFailure.EngineChannelRefused(SshLog()))
                    throw await DiagnoseAsync(options, local, cancellationToken);
            }
            if (DateTime.UtcNow > deadline)
                throw new RemoteHostException(RemoteHostFailure.TunnelFailed,
                    $"The tunnel to {Target} did not answer within {(options.ConnectTimeout + options.ReadyTimeout).TotalSeconds:F0} s. ssh said: {string.Join(" | ", SshLog().TakeLast(5))}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    // A second connection, only on this failure path: sshd does not say why it could not open the engine's socket.
    private async Task<RemoteHostException> DiagnoseAsync(SshTunnelOptions options, DockerCli local, CancellationToken cancellationToken)
    {
        var connection = options.Settings(PrivateDirectory).Connection;
        var result = await local.Runner.RunAsync(
            new Engine.Tooling.ToolCommand(options.SshExecutable, SshEngineDiagnosis.Arguments(connection, options.RemoteSocket)) { ThrowOnError = false, EchoOutput = false, Environment = options.SshEnvironment },
            cancellationToken);
        return SshEngineDiagnosis.Classify(Target, result.StandardOutput, options.RemoteSocket);
    }

    /// <summary>Ends the ssh process group and removes the socket, the log and the known_hosts copy. Idempotent.</summary>
    public void Close()
    {
        lock (_closeLock)
        {
            if (_closed)
                return;
            _closed = true;
        }
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Console.CancelKeyPress -= _onCancelKey;
        TunnelProcess.StopGroup(ProcessGroup, StopGrace);
        // ssh does not unlink its forwarded socket when it is killed.
        if (Directory.Exists(PrivateDirectory))
            Directory.Delete(PrivateDirectory, recursive: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _onCancelled.DisposeAsync();
        Close();
    }

    private IReadOnlyList<string> SshLog() =>
        File.Exists(LogPath(PrivateDirectory)) ? File.ReadAllLines(LogPath(PrivateDirectory)) : [];

    private static string LogPath(string directory) => Path.Combine(directory, "ssh.log");

    private static string Forwards(SshTunnelOptions options) =>
        options.ReverseForwards.Count == 0 ? string.Empty : "; reverse " + string.Join(", ", options.ReverseForwards.Select(f => $"host 127.0.0.1:{f.RemotePort} → runner {f.LocalHost}:{f.LocalPort}"));

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void WritePrivate(string path, string contents)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
