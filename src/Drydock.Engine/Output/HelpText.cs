using System.Text;
using Drydock.Engine.Arguments;
using Drydock.Engine.Parameters;
using Drydock.Engine.Targets;

namespace Drydock.Engine.Output;

/// <summary>--help: targets with descriptions and direct dependencies (default marked), then the build's parameters, then the engine's options.</summary>
public static class HelpText
{
    public static string Render(TargetGraph graph, IReadOnlyList<ParameterMember> parameters, object build)
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: ./build.sh [targets] [--parameter value ...]");
        text.AppendLine();
        text.AppendLine("Targets (→ direct dependencies):");
        var listed = graph.Nodes.Where(n => !n.Definition.IsUnlisted).ToList();
        var nameWidth = listed.Max(n => n.Name.Length + (n.IsDefault ? 10 : 0)) + 2;
        foreach (var node in listed)
        {
            var name = node.IsDefault ? $"{node.Name} (default)" : node.Name;
            var dependencies = node.Dependencies.Count > 0 ? $"  → {string.Join(", ", node.Dependencies.Select(d => d.Name))}" : "";
            text.AppendLine($"  {name.PadRight(nameWidth)}{node.Definition.DescriptionText}{dependencies}");
        }

        text.AppendLine();
        text.AppendLine("Parameters (command line, else environment variable, else .nuke/parameters.json, else --profile files):");
        var rows = parameters.Select(p => (Left: $"{p.CommandLineName} {Placeholder(p)}".TrimEnd(), Right: Describe(p, build))).ToList();
        var engine = EngineOption.All.Select(o => (Left: $"{o.Name} {o.Value}".TrimEnd(), Right: o.Description)).ToList();
        var width = rows.Concat(engine).Max(r => r.Left.Length) + 2;
        foreach (var row in rows)
            text.AppendLine($"  {row.Left.PadRight(width)}{row.Right}");

        text.AppendLine();
        text.AppendLine("Engine options:");
        foreach (var row in engine)
            text.AppendLine($"  {row.Left.PadRight(width)}{row.Right}");
        return text.ToString();
    }

    private static string Placeholder(ParameterMember p) =>
        p.IsFlag ? "[true|false]"
        : p.IsList ? "<values...>"
        : (Nullable.GetUnderlyingType(p.Type) ?? p.Type).IsEnum ? $"<{string.Join('|', Enum.GetNames(Nullable.GetUnderlyingType(p.Type) ?? p.Type)).ToLowerInvariant()}>"
        : $"<{ShortType(p.Type)}>";

    private static string ShortType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "text",
        var t when t == typeof(int) || t == typeof(long) => "number",
        var t when t == typeof(TimeSpan) => "duration",
        var t => t.Name.ToLowerInvariant(),
    };

    private static string Describe(ParameterMember p, object build)
    {
        var value = p.GetValue(build);
        var shown = p.IsSecret ? (value is null ? "none" : "(secret)") : ParameterValueConverter.Format(value);
        var defaultText = string.IsNullOrEmpty(shown) ? "" : $" (default: {shown})";
        var secret = p.IsSecret ? " Secret: never printed." : "";
        return $"{p.Description}{defaultText}{secret} [env {p.EnvironmentName}]";
    }
}
