using System.Formats.Tar;
using Drydock.Docker;

namespace Drydock.Remote.IntegrationTests;

/// <summary>
/// A tiny image made on the runner (a static busybox and nothing else, about 1 MB), so tests can prove an image
/// made here runs on a node. The host's busybox-static is the input (.ci/start-services.sh installs it).
/// </summary>
public static class ProbeImage
{
    public const string BusyboxPath = "/bin/busybox";

    public static async Task<string> ImportAsync(DockerCli docker, string reference, string workDirectory, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(BusyboxPath))
            throw new InvalidOperationException($"{BusyboxPath} is missing: install busybox-static (sudo apt-get install busybox-static; .ci/start-services.sh does).");
        var tarball = await WriteTarballAsync(workDirectory, cancellationToken);
        return await docker.ImportAsync(
            new DockerImportSettings(tarball) { Reference = reference, Changes = ["ENTRYPOINT [\"/busybox\"]"] }, cancellationToken);
    }

    public static async Task<string> WriteTarballAsync(string workDirectory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(workDirectory);
        var tarball = Path.Combine(workDirectory, "probe.tar");
        await using var file = File.Create(tarball);
        await using var tar = new TarWriter(file, TarEntryFormat.Pax);
        await tar.WriteEntryAsync(BusyboxPath, "busybox", cancellationToken);
        return tarball;
    }
}
