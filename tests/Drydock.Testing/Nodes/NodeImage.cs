using System.Security.Cryptography;
using System.Text;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Testing.Nodes;

/// <summary>
/// The image of a test node: a Debian root filesystem with the Docker engine and sshd, made by mmdebstrap and
/// imported. Its tag is a hash of its inputs, so it is built once per machine and reused by every later run.
/// </summary>
public static class NodeImage
{
    /// <summary>Bump when the way the image is made changes, so a new tag is built.</summary>
    public const int Revision = 1;

    public const string Repository = "drydock-test/node";

    public const string Suite = "bookworm";

    public static IReadOnlyList<string> Packages { get; } =
        ["docker.io", "openssh-server", "iproute2", "iptables", "ca-certificates", "procps"];

    /// <summary><c>drydock-test/node:3f2a9c1b7d4e</c>.</summary>
    public static string Name
    {
        get
        {
            var inputs = $"revision={Revision}\nsuite={Suite}\nvariant=minbase\npackages={string.Join(',', Packages)}";
            return $"{Repository}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs)))[..12]}";
        }
    }

    public static ToolCommand RootfsCommand(string tarball) =>
        new("mmdebstrap", ["--variant=minbase", $"--include={string.Join(',', Packages)}", Suite, tarball]) { EchoOutput = false };

    /// <summary>The image name; builds it first (about 40 s plus the import) when this machine does not have it yet.</summary>
    public static async Task<string> EnsureAsync(DockerCli docker, IBuildLog log, CancellationToken cancellationToken = default)
    {
        var name = Name;
        if (await docker.ImageExistsAsync(name, cancellationToken))
            return name;
        // Suites in concurrent lanes: the first builds it, the others wait and find it.
        using var machineLock = await MachineLock.AcquireAsync("test-node-image", "the test node image", log, cancellationToken);
        if (await docker.ImageExistsAsync(name, cancellationToken))
            return name;

        var work = Directory.CreateDirectory(RepositoryRoot.Temp($"node-image-{Environment.ProcessId}")).FullName;
        try
        {
            var tarball = Path.Combine(work, "node.tar");
            log.Write(LogLevel.Information, $"Building test node image {name} with mmdebstrap ({string.Join(' ', Packages)})");
            var rootfs = await docker.Runner.RunAsync(RootfsCommand(tarball) with { ThrowOnError = false }, cancellationToken);
            if (!rootfs.Succeeded)
                throw new InvalidOperationException(
                    $"mmdebstrap could not make the test node's root filesystem (exit {rootfs.ExitCode}). It must be installed (sudo apt-get install mmdebstrap; .ci/start-services.sh does) and run as root with a Debian mirror in the apt sources.\n{string.Join('\n', rootfs.StandardError.TakeLast(15))}");
            await docker.ImportAsync(new DockerImportSettings(tarball) { Reference = name, Message = "Drydock test node: Docker engine and sshd" }, cancellationToken);
            return name;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
