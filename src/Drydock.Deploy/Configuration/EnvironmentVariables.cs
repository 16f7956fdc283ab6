using System.Text.RegularExpressions;

namespace Drydock.Deploy;

/// <summary>Names and <c>KEY=VALUE</c> assignments of environment variables, checked before they reach docker.</summary>
public static partial class EnvironmentVariables
{
    public static bool IsValidName(string name) => Name().IsMatch(name);

    public static IEnumerable<KeyValuePair<string, string>> ParseAssignments(IEnumerable<string> assignments)
    {
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
                throw new DeployException($"'{assignment}' is not KEY=VALUE.");
            var key = assignment[..equals];
            if (!IsValidName(key))
                throw new DeployException($"'{key}' is not a valid environment variable name.");
            yield return new(key, assignment[(equals + 1)..]);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Name();
}
