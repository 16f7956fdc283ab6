using System.Text.Json;

namespace Drydock.Engine.Parameters;

/// <summary>Where parameter values come from, in precedence order.</summary>
public sealed record ParameterSources(
    IReadOnlyDictionary<string, IReadOnlyList<string>> CommandLine,
    Func<string, string?> Environment,
    IReadOnlyList<ParameterFile> Files);

/// <summary>A parsed .nuke/parameters*.json; keys match parameters ignoring case and separators.</summary>
public sealed record ParameterFile(string Path, IReadOnlyDictionary<string, JsonElement> Values)
{
    public static ParameterFile Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ParameterException($"{path} must hold a JSON object of parameter names and values.");
            return new ParameterFile(path, document.RootElement.EnumerateObject()
                .Where(p => !p.Name.StartsWith('$'))
                .ToDictionary(p => p.Name, p => p.Value.Clone()));
        }
        catch (JsonException e)
        {
            throw new ParameterException($"{path} is not valid JSON: {e.Message}");
        }
    }
}
