using Drydock.Docker;
using Drydock.Engine.Tooling;

namespace Drydock.Testing.Nodes;

/// <summary>One-off ssh commands to a node, and the node's host key read through docker (so nothing is trusted on first use).</summary>
public static class NodeSsh
{
    public static ToolCommand Command(SshConnectionSettings connection, IReadOnlyList<string> remoteCommand) =>
        new("ssh", [.. connection.ToArguments(), "-T", connection.Target.Destination, .. remoteCommand]) { EchoOutput = false };

    /// <summary><c>ssh-ed25519 AAAA…</c> of the node, once its entrypoint has generated it.</summary>
    public static async Task<string> ReadHostKeyAsync(DockerCli docker, TestNode node, DateTime deadline, CancellationToken cancellationToken)
    {
        var read = new DockerExecSettings(node.Name, ["cat", "/etc/ssh/ssh_host_ed25519_key.pub"]);
        while (true)
        {
            var result = await docker.ExecAsync(read, throwOnError: false, cancellationToken);
            var parts = result.Output.Trim().Split(' ');
            if (result.Succeeded && parts.Length >= 2)
                return $"{parts[0]} {parts[1]}";
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Test node {node.Name} made no SSH host key: {result.Error}");
            await Task.Delay(100, cancellationToken);
        }
    }

    public static async Task WritePrivateFileAsync(string path, string contents, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(contents.AsMemory(), cancellationToken);
    }
}
