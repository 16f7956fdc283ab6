using Drydock.Engine.Tooling;

namespace Drydock.Deploy.Tests;

/// <summary>The fake's <c>docker cp</c>, in both directions.</summary>
internal sealed partial class FakeDockerEngine
{
    /// <summary>docker cp between a local path and a container's files (<see cref="FakeContainer.Files"/>), as docker copies directories.</summary>
    private ToolResult Copy(string source, string destination)
    {
        if (TryContainerPath(source, out var from, out var fromPath))
        {
            if (from is null)
                return new ToolResult(1, [], [$"Error response from daemon: No such container: {source[..source.IndexOf(':')]}"]);
            var contents = fromPath.EndsWith("/.", StringComparison.Ordinal);
            var root = contents ? fromPath[..^2] : fromPath;
            var files = from.Files.Where(f => f.Key == root || f.Key.StartsWith(root + "/", StringComparison.Ordinal)).ToList();
            if (files.Count == 0 && !from.Volumes.Any(v => v.Split(':')[1] == root))
                return new ToolResult(1, [], [$"Error response from daemon: Could not find the file {root} in container {from.Name}"]);
            foreach (var (path, text) in files)
            {
                var relative = path == root ? Path.GetFileName(root) : (contents ? "" : Path.GetFileName(root) + "/") + path[(root.Length + 1)..];
                var target = Path.Combine(destination, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }
            return Ok();
        }
        if (!TryContainerPath(destination, out var to, out var toPath) || to is null)
            return new ToolResult(1, [], [$"Error response from daemon: No such container: {destination}"]);
        if (File.Exists(source))
        {
            to.Files[toPath] = File.ReadAllText(source);
            return Ok();
        }
        var into = source.EndsWith("/.", StringComparison.Ordinal) ? toPath : toPath + "/" + Path.GetFileName(source.TrimEnd('/'));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            to.Files[into + "/" + Path.GetRelativePath(source, file).Replace('\\', '/')] = File.ReadAllText(file);
        return Ok();
    }

    private bool TryContainerPath(string argument, out FakeContainer? container, out string path)
    {
        var colon = argument.IndexOf(':');
        container = null;
        path = colon > 0 ? argument[(colon + 1)..] : "";
        if (colon <= 0 || argument.StartsWith('/'))
            return false;
        container = Find(argument[..colon], out var found) ? found : null;
        return true;
    }
}
