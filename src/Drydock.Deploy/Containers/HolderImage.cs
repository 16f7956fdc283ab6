using System.Formats.Tar;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy;

/// <summary>
/// The image of the lock and state-holder containers: an empty root filesystem with a /state directory, imported
/// from a tarball made here, so it needs no registry. Those containers are created and never started; using an app
/// image instead would pin it and keep retention from ever removing it.
/// </summary>
public static class HolderImage
{
    public const string Reference = "drydock/holder:1";

    /// <summary>Never run: docker only requires a command for images without one.</summary>
    public const string Command = "/never-started";

    /// <summary>
    /// <c>docker create</c> of a holder container; the image is imported only when the engine lacks it (asking first
    /// would cost every deploy a docker call). Returns docker's result: the caller judges conflicts.
    /// </summary>
    public static async Task<ToolResult> CreateContainerAsync(DockerCli docker, IBuildLog log, DockerRunSettings holder, CancellationToken cancellationToken)
    {
        var settings = new DockerCreateSettings(holder);
        var result = await docker.ExecuteAsync(settings, throwOnError: false, echoOutput: false, cancellationToken);
        if (result.Succeeded || !result.StandardError.Any(line => line.Contains("No such image", StringComparison.Ordinal)))
            return result;
        await EnsureAsync(docker, log, cancellationToken);
        return await docker.ExecuteAsync(settings, throwOnError: false, echoOutput: false, cancellationToken);
    }

    public static async Task EnsureAsync(DockerCli docker, IBuildLog log, CancellationToken cancellationToken)
    {
        if (await docker.ImageExistsAsync(Reference, cancellationToken))
            return;
        var tarball = Path.Combine(Path.GetTempPath(), $"drydock-holder-{Guid.NewGuid():N}.tar");
        try
        {
            await using (var file = File.Create(tarball))
            await using (var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: false))
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "state/") { Mode = (UnixFileMode)Convert.ToInt32("755", 8) }, cancellationToken);
            await docker.ImportAsync(new DockerImportSettings(tarball)
            {
                Reference = Reference,
                Changes = [$"LABEL {ReleaseLabels.Role}=holder-image"],
                Message = "Drydock lock and state holder: never started",
            }, cancellationToken);
            log.Write(LogLevel.Debug, $"Imported {Reference} for lock and state containers");
        }
        finally
        {
            File.Delete(tarball);
        }
    }

    /// <summary>The <c>docker create</c> settings of a holder: never started, so it needs no hardening beyond never running.</summary>
    public static DockerRunSettings Container(string name, IReadOnlyDictionary<string, string> labels, IReadOnlyList<VolumeMount> volumes) =>
        new(Reference)
        {
            Detach = false,
            Name = name,
            Labels = labels,
            Volumes = volumes,
            Command = [Command],
            Restart = "no",
            Pull = "never", // a local image: never ask a registry for it
        };
}
