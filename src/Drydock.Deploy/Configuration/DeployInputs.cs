using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Deploy;

/// <summary>
/// Everything a target that reads an environment is given, as data: the environment file (its path and text; null
/// when there is none), the <c>--env</c> and <c>--secret-env</c> parameters, which variables this runner has set, and the
/// command line's overrides of the file. <see cref="Problems"/> is the check the build runs before its first target
/// (NUKE's <c>Requires</c> idea): a bad input costs nothing, not even a Compile.
/// </summary>
public sealed record DeployInputs(string FilePath, string? FileText)
{
    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string> SecretEnv { get; init; } = [];

    /// <summary>Whether this runner's environment has the variable; null: secrets are not needed (Status, History, Logs).</summary>
    public Func<string, bool>? IsSet { get; init; }

    /// <summary>The command line's overrides of the file (--host-port, --strategy, …), applied before the final validation.</summary>
    public Func<EnvironmentConfig, EnvironmentConfig> Overrides { get; init; } = config => config;

    /// <summary>
    /// The build's parameters by member name (null: not given), merged over the file's keys as
    /// <see cref="EnvironmentSettingMerge"/> says; null: no parameters, the file alone (the library's defaults).
    /// </summary>
    public Func<string, object?>? Parameters { get; init; }

    /// <summary>The file, the parameters, --env and --secret-env merged: what the run deploys with, once <see cref="ShapeProblems"/> is empty.</summary>
    public EnvironmentConfig Config() => Overrides(Load().WithEnv(Env).WithSecretEnv(SecretEnv));

    /// <summary>The file's object with the parameters merged in; the defaults' empty object when there is no file.</summary>
    public JsonObject Merged()
    {
        var file = FileText is null ? new JsonObject() : EnvironmentConfigFile.ParseObject(FileText, FilePath);
        return Parameters is { } parameters ? EnvironmentSettingMerge.Overlay(file, parameters) : file;
    }

    /// <summary>Every problem at once, each naming the parameter or the file and key, and the fix; empty when all is well.</summary>
    public IReadOnlyList<string> Problems() => [.. ShapeProblems(), .. SecretProblems()];

    /// <summary>
    /// What is wrong with the environment's configuration itself: the file (JSON, keys, types, values), --env, the
    /// names in --secret-env, and the configuration's own rules on the final values. Whether secrets are set is not asked.
    /// </summary>
    public IReadOnlyList<string> ShapeProblems()
    {
        var problems = new List<string>();
        problems.AddRange(Env.Select(EnvProblem).OfType<string>());
        problems.AddRange(SecretEnv.Where(name => !EnvironmentVariables.IsValidName(name)).Select(name =>
            $"--secret-env {name}: '{name}' is not a variable name (letters, digits and _, not starting with a digit); --secret-env takes the NAME of a variable of this runner, never its value."));
        if (FileText is not null)
            ReadFile(problems);
        if (problems.Count == 0)
        {
            // Only now is the whole configuration well formed: the record's own rules (ports, paths, volumes, …) on the final values.
            try
            {
                Config().Validate();
            }
            catch (DeployException e)
            {
                problems.Add(e.Message.TrimEnd('.') + (FileText is null ? " (from the command line)" : $" (in {FilePath} or the command line)"));
            }
        }
        return problems;
    }

    /// <summary>The secrets of --secret-env and of the file's secretEnv that this runner does not have (none when <see cref="IsSet"/> is null).</summary>
    public IReadOnlyList<string> SecretProblems()
    {
        if (IsSet is not { } isSet)
            return [];
        var fromFile = FileText is null ? [] : FileSecretNames();
        return
        [
            .. SecretEnv.Where(EnvironmentVariables.IsValidName).Distinct().Where(name => !isSet(name)).Select(name => Unset(name, "--secret-env " + name)),
            .. fromFile.Except(SecretEnv).Where(EnvironmentVariables.IsValidName).Where(name => !isSet(name)).Select(name => Unset(name, $"{FilePath}: secretEnv \"{name}\"")),
        ];
    }

    private static string Unset(string name, string where) =>
        $"{where}: {name} is not set in this runner's environment. Set it before the build (export {name}=… in the shell, or as a secret of the CI job), or leave it out.";

    /// <summary>The file's secretEnv names as far as they can be read; a file that cannot is reported by <see cref="ShapeProblems"/>.</summary>
    private IEnumerable<string> FileSecretNames()
    {
        try
        {
            return JsonNode.Parse(FileText!, documentOptions: EnvironmentConfigFile.DocumentOptions) is JsonObject { } file && file["secretEnv"] is JsonArray names
                ? names.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private EnvironmentConfig Load() => FileText is null && Parameters is null ? new EnvironmentConfig() : EnvironmentConfigFile.From(Merged(), FilePath);

    private void ReadFile(List<string> problems)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(FileText!, documentOptions: EnvironmentConfigFile.DocumentOptions);
        }
        catch (JsonException e)
        {
            problems.Add($"{FilePath}: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {Reason(e)}. Fix the file (comments and trailing commas are allowed).");
            return;
        }
        if (node is not JsonObject file)
        {
            problems.Add($"{FilePath} must hold one JSON object, e.g. {{ \"hostPort\": 8080 }}; it holds {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())}.");
            return;
        }
        problems.AddRange(EnvironmentFileSchema.Problems(file, FilePath));
    }

    /// <summary>The parser's reason without its "LineNumber: … | BytePositionInLine: …" tail, which the message says in words.</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (tail > 0 ? message[..tail] : message).TrimEnd('.', ' ');
    }

    private static string? EnvProblem(string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals < 0)
            return $"--env '{assignment}' has no value: write it as NAME=value, e.g. --env \"{assignment}=value\" (for a secret from this runner's environment, use --secret-env {assignment}).";
        var name = assignment[..equals];
        return EnvironmentVariables.IsValidName(name)
            ? null
            : $"--env '{assignment}': '{name}' is not a variable name (letters, digits and _, not starting with a digit): write it as NAME=value.";
    }
}
