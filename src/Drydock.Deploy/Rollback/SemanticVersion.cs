using System.Globalization;

namespace Drydock.Deploy;

/// <summary>SemVer 2 precedence, enough to order release tags (<c>1.2.3</c>, <c>1.3.0-beta.2</c>); other tags are not versions.</summary>
public static class SemanticVersion
{
    public static bool IsVersion(string tag) => TryParse(tag, out _, out _);

    /// <summary>Negative when a precedes b; build metadata is ignored. Non-versions sort first.</summary>
    public static int Compare(string a, string b)
    {
        var okA = TryParse(a, out var coreA, out var preA);
        var okB = TryParse(b, out var coreB, out var preB);
        if (!okA || !okB)
            return okA.CompareTo(okB) switch { > 0 => 1, < 0 => -1, _ => string.CompareOrdinal(a, b) switch { > 0 => 1, < 0 => -1, _ => 0 } };
        for (var i = 0; i < 3; i++)
        {
            var c = coreA[i].CompareTo(coreB[i]);
            if (c != 0)
                return Math.Sign(c);
        }
        // A pre-release precedes its release: 1.0.0-beta < 1.0.0.
        if (preA.Length == 0 || preB.Length == 0)
            return (preA.Length == 0).CompareTo(preB.Length == 0);
        for (var i = 0; i < Math.Min(preA.Length, preB.Length); i++)
        {
            var numA = long.TryParse(preA[i], NumberStyles.None, CultureInfo.InvariantCulture, out var na);
            var numB = long.TryParse(preB[i], NumberStyles.None, CultureInfo.InvariantCulture, out var nb);
            var c = (numA, numB) switch
            {
                (true, true) => na.CompareTo(nb),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(preA[i], preB[i]),
            };
            if (c != 0)
                return Math.Sign(c);
        }
        return Math.Sign(preA.Length.CompareTo(preB.Length));
    }

    private static bool TryParse(string text, out long[] core, out string[] prerelease)
    {
        core = [];
        prerelease = [];
        var plus = text.IndexOf('+');
        var withoutBuild = plus >= 0 ? text[..plus] : text;
        var dash = withoutBuild.IndexOf('-');
        var coreText = dash >= 0 ? withoutBuild[..dash] : withoutBuild;
        var parts = coreText.Split('.');
        if (parts.Length != 3)
            return false;
        var numbers = new long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                return false;
        }
        core = numbers;
        prerelease = dash >= 0 ? withoutBuild[(dash + 1)..].Split('.') : [];
        return dash < 0 || prerelease.All(p => p.Length > 0);
    }
}
