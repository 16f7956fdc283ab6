using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Engine.Parameters;

/// <summary>
/// <c>.nuke/build.schema.json</c> from the build's <c>[Parameter]</c> members and targets, as NUKE writes it: editors
/// complete and validate <c>.nuke/parameters*.json</c> against it. Written by <c>--help</c> when it changed.
/// </summary>
public static class ParameterSchema
{
    public const string FileName = "build.schema.json";

    /// <summary>Pure: the schema's text (stable: same build, same bytes).</summary>
    public static string Render(IReadOnlyList<ParameterMember> parameters, IEnumerable<string> targets)
    {
        var targetList = new JsonArray(targets.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["Target"] = new JsonObject { ["type"] = "array", ["description"] = "Targets to run", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = targetList.DeepClone() } },
            ["Skip"] = new JsonObject { ["type"] = "array", ["description"] = "Targets to skip", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = targetList.DeepClone() } },
        };
        foreach (var parameter in parameters)
        {
            var property = TypeOf(parameter.Type);
            property["description"] = parameter.IsSecret ? parameter.Description + " (secret: prefer the environment variable " + parameter.EnvironmentName + ")" : parameter.Description;
            properties[parameter.MemberName] = property;
        }
        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["title"] = "Build Schema",
            ["definitions"] = new JsonObject { ["build"] = new JsonObject { ["type"] = "object", ["properties"] = properties } },
            ["$ref"] = "#/definitions/build",
        };
        // Relaxed escaping: descriptions keep their <, > and apostrophes readable (the file is never embedded in HTML).
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>Writes the schema under <paramref name="nukeDirectory"/> unless it already says the same; returns whether it wrote.</summary>
    public static bool Write(string nukeDirectory, string schema)
    {
        var path = Path.Combine(nukeDirectory, FileName);
        if (File.Exists(path) && File.ReadAllText(path) == schema)
            return false;
        Directory.CreateDirectory(nukeDirectory);
        File.WriteAllText(path, schema);
        return true;
    }

    private static JsonObject TypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
            return new JsonObject { ["type"] = "array", ["items"] = TypeOf(type.GetElementType()!) };
        if (type.IsEnum)
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n)).ToArray()) };
        if (type == typeof(bool))
            return new JsonObject { ["type"] = "boolean" };
        if (type == typeof(int) || type == typeof(long))
            return new JsonObject { ["type"] = "integer" };
        if (type == typeof(double) || type == typeof(decimal))
            return new JsonObject { ["type"] = "number" };
        return new JsonObject { ["type"] = "string" };
    }
}
