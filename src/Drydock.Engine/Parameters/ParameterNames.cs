using System.Text;

namespace Drydock.Engine.Parameters;

/// <summary>The three spellings of one parameter: RegistryUrl, --registry-url, REGISTRY_URL.</summary>
public static class ParameterNames
{
    public static string ToKebab(string memberName) => Split(memberName, '-').ToLowerInvariant();

    public static string ToEnvironment(string memberName) => Split(memberName, '_').ToUpperInvariant();

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
