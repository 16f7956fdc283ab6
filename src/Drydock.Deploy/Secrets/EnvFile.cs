namespace Drydock.Deploy;

/// <summary>
/// Secret values on their way to <c>docker create --env-file</c>: a file only its owner can read (created with mode
/// 600, never wider for a moment), deleted as soon as the containers are created. Values never reach a command line.
/// </summary>
public sealed class EnvFile : IDisposable
{
    private EnvFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>Null when there is nothing secret to pass.</summary>
    public static EnvFile? Write(IReadOnlyDictionary<string, string> values, string? directory = null)
    {
        if (values.Count == 0)
            return null;
        var content = Render(values);
        var path = System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"drydock-{Guid.NewGuid():N}.env");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        return new EnvFile(path);
    }

    /// <summary>docker's env-file format: one KEY=VALUE per line, taken literally (no quotes, no escapes, no newlines).</summary>
    public static string Render(IReadOnlyDictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            if (!EnvironmentVariables.IsValidName(key))
                throw new DeployException($"'{key}' is not a valid environment variable name.");
            // The value itself is never part of the message.
            if (value.Contains('\n') || value.Contains('\r'))
                throw new DeployException($"The value of secret variable {key} spans several lines, which an env file cannot carry.");
        }
        return string.Concat(values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}\n"));
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Already gone or not deletable: nothing more can be done here.
        }
    }
}
