using System.Net;
using System.Text;
using Drydock.Engine.Targets;

namespace Drydock.Engine.Planning;

/// <summary>
/// --plan: the target graph as a self-contained HTML page with an SVG drawing. Columns follow execution order;
/// solid arrows are DependsOn, dashed are After/Before, dotted are Triggers. Targets of this invocation are highlighted.
/// </summary>
public static class PlanRenderer
{
    private const int NodeWidth = 150, NodeHeight = 44, ColumnGap = 80, RowGap = 26, Margin = 30;

    public static string Render(TargetGraph graph, IReadOnlyList<PlannedTarget> plan)
    {
        var order = ExecutionPlanner.Order(graph.Nodes);
        var column = new Dictionary<TargetNode, int>();
        foreach (var node in order)
            column[node] = Predecessors(node, graph).Select(p => column[p] + 1).DefaultIfEmpty(0).Max();

        var position = new Dictionary<TargetNode, (int X, int Y)>();
        foreach (var group in order.GroupBy(n => column[n]))
        {
            var row = 0;
            foreach (var node in group)
                position[node] = (Margin + group.Key * (NodeWidth + ColumnGap), Margin + row++ * (NodeHeight + RowGap));
        }
        var width = position.Values.Max(p => p.X) + NodeWidth + Margin;
        var height = position.Values.Max(p => p.Y) + NodeHeight + Margin;

        var svg = new StringBuilder();
        svg.AppendLine($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">""");
        svg.AppendLine("""<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>""");
        foreach (var node in order)
        {
            foreach (var dependency in node.Dependencies)
                svg.AppendLine(Edge(position[dependency], position[node], "dependency", "#333", ""));
            foreach (var earlier in node.RunsAfter)
                svg.AppendLine(Edge(position[earlier], position[node], "ordering", "#888", "stroke-dasharray=\"6 4\""));
            foreach (var triggered in node.Triggers)
                svg.AppendLine(Edge(position[node], position[triggered], "trigger", "#c60", "stroke-dasharray=\"2 3\""));
        }
        var planned = plan.ToDictionary(p => p.Node);
        foreach (var node in order)
        {
            var (x, y) = position[node];
            var inPlan = planned.TryGetValue(node, out var p);
            var fill = !inPlan ? "#f2f2f2" : p!.SkipReason is not null ? "#fff4d6" : "#d9ecff";
            var stroke = inPlan && p!.Invoked ? "#0a5bd6" : "#999";
            var title = WebUtility.HtmlEncode(node.Definition.DescriptionText ?? node.Name) + (p?.SkipReason is { } reason ? $" (skipped: {WebUtility.HtmlEncode(reason)})" : "");
            svg.AppendLine($"""<g class="target"><title>{title}</title><rect x="{x}" y="{y}" width="{NodeWidth}" height="{NodeHeight}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="{(inPlan && p!.Invoked ? 3 : 1)}"/>""");
            svg.AppendLine($"""<text x="{x + NodeWidth / 2}" y="{y + NodeHeight / 2 + 5}" text-anchor="middle">{WebUtility.HtmlEncode(node.Name)}{(node.IsDefault ? " *" : "")}</text></g>""");
        }
        svg.AppendLine("</svg>");

        var steps = string.Join("", plan.Select((t, i) => $"<li>{WebUtility.HtmlEncode(t.Node.Name)}{(t.SkipReason is null ? "" : $" <em>(skipped: {WebUtility.HtmlEncode(t.SkipReason)})</em>")}</li>"));
        return $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Drydock execution plan</title>
            <style>body{"{"}font-family:sans-serif;margin:24px{"}"} .legend span{"{"}margin-right:18px{"}"}</style></head>
            <body><h1>Execution plan</h1>
            <p class="legend"><span>── DependsOn</span><span style="color:#888">- - After/Before (ordering only)</span><span style="color:#c60">··· Triggers</span><span style="background:#d9ecff">in this run</span> <span style="background:#fff4d6">skipped</span> <span>* default target</span></p>
            {svg}
            <h2>This run, in order</h2><ol>{steps}</ol>
            </body></html>
            """;
    }

    private static IEnumerable<TargetNode> Predecessors(TargetNode node, TargetGraph graph) =>
        node.Dependencies.Concat(node.RunsAfter).Concat(graph.Nodes.Where(n => n.Triggers.Contains(node)));

    private static string Edge((int X, int Y) from, (int X, int Y) to, string kind, string color, string dash)
    {
        var (x1, y1) = (from.X + NodeWidth, from.Y + NodeHeight / 2);
        var (x2, y2) = (to.X, to.Y + NodeHeight / 2);
        var bend = Math.Max(30, (x2 - x1) / 2);
        return $"""<path class="{kind}" d="M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}" fill="none" stroke="{color}" stroke-width="1.6" {dash} marker-end="url(#arrow)"/>""";
    }
}
