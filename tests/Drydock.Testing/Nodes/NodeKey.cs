using Drydock.Engine.Tooling;

namespace Drydock.Testing.Nodes;

/// <summary>An ed25519 key pair made for one test run, in a mode-700 directory that is deleted at the end.</summary>
public sealed class NodeKey : IDisposable
{
    private NodeKey(string directory, string publicKey)
    {
        Directory = directory;
        PublicKey = publicKey;
    }

    public string Directory { get; }

    public string PrivateKeyPath => Path.Combine(Directory, "id_ed25519");

    /// <summary>The <c>ssh-ed25519 AAAA… comment</c> line that goes into authorized_keys.</summary>
    public string PublicKey { get; }

    public static async Task<NodeKey> CreateAsync(IToolRunner runner, string comment, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("drydock-node-key-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(directory, "id_ed25519");
        await runner.RunAsync(new ToolCommand("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path) { EchoOutput = false }, cancellationToken);
        return new NodeKey(directory, (await File.ReadAllTextAsync(path + ".pub", cancellationToken)).Trim());
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
