using System.Text.Json.Nodes;

namespace Drydock.Deploy;

/// <summary>What a run knows of its environment before it reads the file: where the repository is, and the command line.</summary>
public sealed record EnvironmentSource(string RootDirectory, string Environment)
{
    /// <summary>The build's declared parameters by member name (<see cref="EnvironmentSettingTable.Parameters"/>); null: not given.</summary>
    public Func<string, object?> Parameters { get; init; } = _ => null;

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string> SecretEnv { get; init; } = [];

    /// <summary>Reads the environment file; null when there is none. The one place a run touches it.</summary>
    public Func<string, string?> ReadFile { get; init; } = path => File.Exists(path) ? File.ReadAllText(path) : null;
}

/// <summary>
/// One run's environment, resolved once: the file read once, merged with the command line (command line over file over
/// default, see <see cref="EnvironmentSettingMerge"/>), checked, and split into the records the targets use: the
/// release's <see cref="Config"/>, where it runs (<see cref="Host"/>) and the host-wide edge (<see cref="Https"/>).
/// Immutable: every target of the run reads the same values. Each record is null when its problem says why.
/// </summary>
public sealed class EnvironmentSettings
{
    private EnvironmentSettings(DeployInputs inputs) => Inputs = inputs;

    /// <summary>The checks' inputs (the file's text, --env, --secret-env, the parameters), for the secrets' check too.</summary>
    public DeployInputs Inputs { get; }

    public string FilePath => Inputs.FilePath;

    /// <summary>What is wrong with the file, --env, --secret-env or the merged values; empty when <see cref="Config"/> is set.</summary>
    public IReadOnlyList<string> ShapeProblems { get; private init; } = [];

    public EnvironmentConfig? Config { get; private init; }

    public EnvironmentHost? Host { get; private init; }

    /// <summary>Why <see cref="Host"/> could not be read (a wrong type), naming the key and the fix.</summary>
    public string? HostProblem { get; private init; }

    public EnvironmentHttps? Https { get; private init; }

    public string? HttpsProblem { get; private init; }

    public static EnvironmentSettings Resolve(EnvironmentSource source)
    {
        var path = EnvironmentConfigFile.PathFor(source.RootDirectory, source.Environment);
        var inputs = new DeployInputs(path, source.ReadFile(path)) { Env = source.Env, SecretEnv = source.SecretEnv, Parameters = source.Parameters };
        IReadOnlyList<string> problems = EnvironmentId.NameProblem(source.Environment) is { } name ? [name, .. inputs.ShapeProblems()] : inputs.ShapeProblems();
        JsonObject? merged = null;
        string? unreadable = null;
        try
        {
            merged = inputs.Merged();
        }
        catch (DeployException e)
        {
            unreadable = e.Message; // not JSON, or not an object: ShapeProblems says it in its own words
        }
        var (host, hostProblem) = Read(merged, unreadable, m => Located(EnvironmentHost.From(m, path), source.RootDirectory));
        var (https, httpsProblem) = Read(merged, unreadable, m => Located(EnvironmentHttps.From(m, path), source.RootDirectory));
        return new EnvironmentSettings(inputs)
        {
            ShapeProblems = problems,
            Config = problems.Count == 0 ? inputs.Config() : null,
            Host = host,
            HostProblem = hostProblem,
            Https = https,
            HttpsProblem = httpsProblem,
        };
    }

    private static (T? Value, string? Problem) Read<T>(JsonObject? merged, string? unreadable, Func<JsonObject, T> read) where T : class
    {
        if (merged is null)
            return (null, unreadable);
        try
        {
            return (read(merged), null);
        }
        catch (DeployException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Paths in the file are relative to the repository, whoever runs the build from wherever.</summary>
    private static EnvironmentHost Located(EnvironmentHost host, string root) =>
        host with { KnownHostsFile = host.KnownHostsFile is { } file ? Path.GetFullPath(file, root) : null };

    private static EnvironmentHttps Located(EnvironmentHttps https, string root) =>
        https with { AcmeCaBundle = https.AcmeCaBundle is { } bundle ? Path.GetFullPath(bundle, root) : null };
}
