using System.Text;
using Drydock.Engine.Parameters;

namespace Drydock.Deploy;

/// <summary>
/// The environment keys table of docs/environments.md, rendered from <see cref="EnvironmentSettingTable"/> so the docs
/// cannot drift from the code. It sits between <see cref="Begin"/> and <see cref="End"/>; the prose around it is the page's.
/// </summary>
public static class EnvironmentKeysTable
{
    public const string Begin = "<!-- environment-keys:begin -->";
    public const string End = "<!-- environment-keys:end -->";

    /// <summary>Pure: the table's markdown (stable: same declarations, same text).</summary>
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("| Key | Type | Default | Parameter | Description |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var setting in EnvironmentSettingTable.All)
        {
            var parameter = setting.Parameter is { } name ? $"`--{ParameterNames.ToKebab(name)}`" : "";
            var type = SettingText.TypeName(setting.Type);
            var fallback = setting.DefaultText.Length == 0 ? "" : setting.Fallback is null ? $"`{setting.DefaultText}`" : setting.DefaultText;
            text.Append($"| `{setting.Key}` | {Cell(type)} | {Cell(fallback)} | {parameter} | {Cell(setting.Description)} |\n");
        }
        return text.ToString();
    }

    /// <summary><paramref name="page"/> with its table replaced by <paramref name="table"/>; the markers must be there, in order.</summary>
    public static string Replace(string page, string table)
    {
        var begin = page.IndexOf(Begin, StringComparison.Ordinal);
        var end = page.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
            throw new InvalidOperationException($"The page has no {Begin} … {End} region for the environment keys table: add both markers, on lines of their own, where the table goes.");
        return page[..(begin + Begin.Length)] + "\n" + table + page[end..];
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
