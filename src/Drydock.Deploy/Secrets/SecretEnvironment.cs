using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>Reads secret variables from the runner's environment by name and registers their values with the masker.</summary>
public static class SecretEnvironment
{
    public static IReadOnlyDictionary<string, string> Resolve(IEnumerable<string> names, Func<string, string?> readEnvironment, SecretMasker? masker)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (readEnvironment(name) is { } value)
            {
                masker?.Add(value);
                values[name] = value;
            }
            else
            {
                missing.Add(name);
            }
        }
        if (missing.Count > 0)
            throw new DeployException($"Secret environment variable(s) {string.Join(", ", missing)} are not set on this runner; nothing was changed.");
        return values;
    }
}
