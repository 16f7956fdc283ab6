using System.Text;

namespace Drydock.Engine.Parameters;

/// <summary>The three spellings of one parameter: RegistryUrl, --registry-url, DRYDOCK_REGISTRY_URL.</summary>
public static class ParameterNames
{
    /// <summary>Generic names (HOST, PLATFORM, ENV) collide with what shells, CI systems and IDE prompts set; ours carry this.</summary>
    public const string EnvironmentPrefix = "DRYDOCK_";

    /// <summary>
    /// Unprefixed names no longer read at all, not even with a warning: POSIX sh reads ENV, and Visual Studio's prompts set
    /// Platform and Configuration (names ignore case on Windows), so their value is rarely meant for the build.
    /// </summary>
    private static readonly HashSet<string> Retired = new(StringComparer.OrdinalIgnoreCase) { "ENV", "PLATFORM", "CONFIGURATION" };

    public static string ToKebab(string memberName) => Split(memberName, '-').ToLowerInvariant();

    public static string ToEnvironment(string memberName) => EnvironmentPrefix + Split(memberName, '_').ToUpperInvariant();

    /// <summary>The unprefixed name still read, with a deprecation warning; null for the retired ones.</summary>
    public static string? ToDeprecatedEnvironment(string memberName) =>
        Split(memberName, '_').ToUpperInvariant() is var name && !Retired.Contains(name) ? name : null;

    /// <summary>Compares spellings ignoring case and separators, so RegistryUrl, registry-url and REGISTRY_URL match.</summary>
    public static string Canonical(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static string Split(string name, char separator)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = i > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (startsWord)
                text.Append(separator);
            text.Append(c == '_' || c == '-' ? separator : c);
        }
        return text.ToString();
    }
}
