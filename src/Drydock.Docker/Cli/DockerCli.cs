using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Docker;

/// <summary>
/// Runs docker settings objects through <see cref="IToolRunner"/> and parses what comes back. The docker client
/// is used as is, so DOCKER_HOST, DOCKER_CONTEXT and contexts keep working. Progress on stderr is not an error:
/// success is judged by the exit code.
/// </summary>
public sealed class DockerCli(IToolRunner runner)
{
    public IToolRunner Runner { get; } = runner;

    public string Executable { get; init; } = "docker";

    /// <summary><c>--config</c>: a separate client config directory, so a login does not touch the user's credentials.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>When set, passwords given to <see cref="LoginAsync"/> are registered so the log masks them.</summary>
    public SecretMasker? Masker { get; init; }

    /// <summary>Environment for every docker invocation (e.g. DOCKER_HOST of a tunnel); empty means the caller's environment as is.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// The same CLI aimed at another engine: DOCKER_HOST set, DOCKER_CONTEXT removed so only one setting names the engine.
    /// </summary>
    public DockerCli WithDockerHost(string dockerHost) =>
        new(Runner)
        {
            Executable = Executable,
            ConfigDirectory = ConfigDirectory,
            Masker = Masker,
            Environment = new Dictionary<string, string?>(Environment) { ["DOCKER_HOST"] = dockerHost, ["DOCKER_CONTEXT"] = null },
        };

    /// <summary>The same CLI aimed at a named context: DOCKER_CONTEXT set, DOCKER_HOST removed (it would win over the context).</summary>
    public DockerCli WithDockerContext(string context) =>
        new(Runner)
        {
            Executable = Executable,
            ConfigDirectory = ConfigDirectory,
            Masker = Masker,
            Environment = new Dictionary<string, string?>(Environment) { ["DOCKER_CONTEXT"] = context, ["DOCKER_HOST"] = null },
        };

    /// <summary>The process invocation for one settings object: global options first, then the command's arguments.</summary>
    public ToolCommand Command(IDockerSettings settings)
    {
        var processEnvironment = settings.ProcessEnvironment;
        var environment = processEnvironment.Count == 0 ? Environment
            : new Dictionary<string, string?>(Environment.Concat(processEnvironment).GroupBy(p => p.Key).Select(g => g.Last()));
        return environment.Count == 0
            ? new(Executable, [.. GlobalArguments(), .. settings.ToArguments()])
            : new(Executable, [.. GlobalArguments(), .. settings.ToArguments()]) { Environment = environment };
    }

    /// <summary>Runs any settings object; the primitive every typed method below uses.</summary>
    public Task<ToolResult> ExecuteAsync(IDockerSettings settings, bool throwOnError = true, bool echoOutput = true, CancellationToken cancellationToken = default) =>
        Runner.RunAsync(Command(settings) with { ThrowOnError = throwOnError, EchoOutput = echoOutput }, cancellationToken);

    public async Task<DockerVersion> VersionAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(new DockerVersionSettings(), throwOnError: false, echoOutput: false, cancellationToken);
        var json = result.StandardOutput.FirstOrDefault(line => line.TrimStart().StartsWith('{'));
        if (json is null)
            throw new ToolFailedException(Command(new DockerVersionSettings()), result, $"docker version printed no version (exit code {result.ExitCode}).\n{result.Error}");
        return DockerOutput.ParseVersion(json);
    }

    /// <summary>Builds an image and returns its id (<c>sha256:…</c>), read from the <c>--iidfile</c>.</summary>
    public async Task<string> BuildAsync(DockerBuildSettings settings, CancellationToken cancellationToken = default)
    {
        var idFile = settings.ImageIdFile ?? Path.Combine(Path.GetTempPath(), $"drydock-iid-{Guid.NewGuid():N}");
        try
        {
            await ExecuteAsync(settings with { ImageIdFile = idFile }, cancellationToken: cancellationToken);
            var id = File.Exists(idFile) ? (await File.ReadAllTextAsync(idFile, cancellationToken)).Trim() : string.Empty;
            if (id.Length == 0)
                throw new InvalidOperationException($"docker build succeeded but wrote no image id to '{idFile}'.");
            return id;
        }
        finally
        {
            if (settings.ImageIdFile is null)
                File.Delete(idFile);
        }
    }

    public Task TagAsync(string source, string target, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new DockerTagSettings(source, target), cancellationToken: cancellationToken);

    /// <summary>Pushes one reference and returns the manifest digest the registry stored.</summary>
    public async Task<PushedImage> PushAsync(string reference, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(new DockerPushSettings(reference), cancellationToken: cancellationToken);
        var digest = DockerOutput.ParsePushDigest(result.StandardOutput.Concat(result.StandardError))
            ?? throw new InvalidOperationException($"docker push of '{reference}' succeeded but printed no digest.");
        return new PushedImage(reference, digest);
    }

    public Task PullAsync(string reference, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new DockerPullSettings(reference), cancellationToken: cancellationToken);

    /// <summary>Pulls once, without retrying; false when the registry cannot be reached or lacks the image.</summary>
    public async Task<bool> TryPullAsync(string reference, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(new DockerPullSettings(reference), throwOnError: false, cancellationToken: cancellationToken)).Succeeded;

    /// <summary>The local image, or null when there is none by that reference.</summary>
    public async Task<DockerImage?> InspectImageAsync(string reference, CancellationToken cancellationToken = default)
    {
        var settings = new DockerImageInspectSettings(reference);
        var result = await ExecuteAsync(settings, throwOnError: false, echoOutput: false, cancellationToken);
        if (!result.Succeeded)
            return IsNotFound(result) ? null : throw Failed(settings, result);
        return DockerOutput.ParseImageInspect(result.Output).FirstOrDefault();
    }

    public async Task<bool> ImageExistsAsync(string reference, CancellationToken cancellationToken = default) =>
        await InspectImageAsync(reference, cancellationToken) is not null;

    public Task RemoveImagesAsync(DockerImageRmSettings settings, CancellationToken cancellationToken = default) =>
        ExecuteAsync(settings, cancellationToken: cancellationToken);

    /// <summary>Logs in with the password on standard input; it never appears on a command line.</summary>
    public async Task LoginAsync(DockerLoginSettings settings, CancellationToken cancellationToken = default)
    {
        Masker?.Add(settings.Password);
        var command = Command(settings) with { StandardInput = settings.Password };
        await Runner.RunAsync(command, cancellationToken);
    }

    public Task LogoutAsync(string server, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new DockerLogoutSettings(server), cancellationToken: cancellationToken);

    /// <summary>Imports a rootfs tarball as an image and returns its id.</summary>
    public async Task<string> ImportAsync(DockerImportSettings settings, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(settings, cancellationToken: cancellationToken);
        return result.StandardOutput.LastOrDefault(line => line.StartsWith("sha256:", StringComparison.Ordinal))?.Trim()
            ?? throw new InvalidOperationException("docker import succeeded but printed no image id.");
    }

    /// <summary>Starts a container in the background and returns its id.</summary>
    public async Task<string> RunDetachedAsync(DockerRunSettings settings, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(settings with { Detach = true }, cancellationToken: cancellationToken);
        return result.StandardOutput.LastOrDefault(line => line.Length > 0)?.Trim()
            ?? throw new InvalidOperationException("docker run succeeded but printed no container id.");
    }

    /// <summary>Runs a container in the foreground to completion (one-off tasks); its output is in the result.</summary>
    public Task<ToolResult> RunToCompletionAsync(DockerRunSettings settings, bool throwOnError = true, CancellationToken cancellationToken = default) =>
        ExecuteAsync(settings with { Detach = false }, throwOnError, cancellationToken: cancellationToken);

    /// <summary>The container, or null when there is none by that name or id.</summary>
    public async Task<ContainerState?> InspectContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        var settings = new DockerContainerInspectSettings(container);
        var result = await ExecuteAsync(settings, throwOnError: false, echoOutput: false, cancellationToken);
        if (!result.Succeeded)
            return IsNotFound(result) ? null : throw Failed(settings, result);
        return DockerOutput.ParseContainerInspect(result.Output).FirstOrDefault();
    }

    public async Task<IReadOnlyList<ContainerSummary>> PsAsync(DockerPsSettings settings, CancellationToken cancellationToken = default) =>
        DockerOutput.ParsePs((await ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken)).StandardOutput);

    public Task StopAsync(DockerStopSettings settings, CancellationToken cancellationToken = default) =>
        ExecuteAsync(settings, cancellationToken: cancellationToken);

    public Task RemoveContainersAsync(DockerRmSettings settings, CancellationToken cancellationToken = default) =>
        ExecuteAsync(settings, cancellationToken: cancellationToken);

    /// <summary>The container's output: its stdout in StandardOutput, its stderr in StandardError. Not echoed to the build log.</summary>
    public Task<ToolResult> LogsAsync(DockerLogsSettings settings, CancellationToken cancellationToken = default) =>
        ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<ContainerChange>> DiffAsync(string container, CancellationToken cancellationToken = default) =>
        DockerOutput.ParseDiff((await ExecuteAsync(new DockerDiffSettings(container), echoOutput: false, cancellationToken: cancellationToken)).StandardOutput);

    public Task<ToolResult> ExecAsync(DockerExecSettings settings, bool throwOnError = true, CancellationToken cancellationToken = default) =>
        ExecuteAsync(settings, throwOnError, echoOutput: false, cancellationToken);

    public async Task<string> CreateVolumeAsync(DockerVolumeCreateSettings settings, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken)).Output.Trim();

    public async Task<IReadOnlyList<VolumeSummary>> ListVolumesAsync(DockerVolumeLsSettings settings, CancellationToken cancellationToken = default) =>
        DockerOutput.ParseVolumeLs((await ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken)).StandardOutput);

    public Task RemoveVolumesAsync(DockerVolumeRmSettings settings, CancellationToken cancellationToken = default) =>
        ExecuteAsync(settings, cancellationToken: cancellationToken);

    /// <summary>Creates a network and returns its id.</summary>
    public async Task<string> CreateNetworkAsync(DockerNetworkCreateSettings settings, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken)).Output.Trim();

    public Task RemoveNetworksAsync(DockerNetworkRmSettings settings, CancellationToken cancellationToken = default) =>
        ExecuteAsync(settings, cancellationToken: cancellationToken);

    private IEnumerable<string> GlobalArguments() =>
        ConfigDirectory is null ? [] : ["--config", ConfigDirectory];

    // "Error: No such image: x" / "Error: No such container: x" / "Error: No such object: x".
    private static bool IsNotFound(ToolResult result) =>
        result.StandardError.Any(line => line.Contains("No such ", StringComparison.Ordinal));

    private ToolFailedException Failed(IDockerSettings settings, ToolResult result) =>
        new(Command(settings), result, $"'docker {string.Join(' ', settings.ToArguments())}' exited with code {result.ExitCode}.\n{result.Error}");
}
