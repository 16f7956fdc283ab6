using Drydock.Engine.Parameters;

namespace Drydock.Deploy;

/// <summary>
/// Deploying to a name nothing knows (no file under .nuke/environments/, nothing of it on the engine) is refused unless
/// asked for: a misspelt --environment would otherwise quietly create an environment with every default.
/// </summary>
public static class NewEnvironmentCheck
{
    /// <summary>Whether the engine has to be asked: a file, --new-environment or the built-in local already settle it.</summary>
    public static bool AsksEngine(string environment, bool hasFile, bool newEnvironment) =>
        !hasFile && !newEnvironment && environment != EnvironmentId.DefaultName;

    /// <summary>Null when the engine holds something of the environment; else the refusal, with the closest known names and both fixes.</summary>
    /// <param name="onEngine">The environments of this app the engine holds a record of.</param>
    /// <param name="withFiles">The environments that have a file under .nuke/environments/.</param>
    public static string? Refusal(string environment, IReadOnlyCollection<string> onEngine, IReadOnlyCollection<string> withFiles)
    {
        if (onEngine.Contains(environment, StringComparer.Ordinal))
            return null;
        var known = withFiles.Concat(onEngine).Append(EnvironmentId.DefaultName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return $"there is no environment '{environment}': no {EnvironmentConfigFile.RelativePathFor(environment)} and nothing of it on the engine."
            + $"{Suggestions.DidYouMean(environment, known)} Known: {string.Join(", ", known)}."
            + $" To create it, pass --new-environment, or write {EnvironmentConfigFile.RelativePathFor(environment)}.";
    }

    /// <summary>What the engine's labelled volumes (history, data, edge state) say exists: their environments' names.</summary>
    public static IReadOnlyCollection<string> Recorded(IEnumerable<IReadOnlyDictionary<string, string>> volumeLabels) =>
        [.. volumeLabels.Select(l => l.GetValueOrDefault(ReleaseLabels.Environment)).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
}
