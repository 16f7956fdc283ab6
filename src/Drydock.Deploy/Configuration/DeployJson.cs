using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drydock.Deploy;

/// <summary>The one JSON shape of everything Drydock.Deploy writes (config files, labels, history): camelCase, durations as text.</summary>
public static class DeployJson
{
    public static JsonSerializerOptions Options { get; } = Create(strict: false);

    /// <summary>For files people edit: an unknown property is an error, so a typo never silently means a default.</summary>
    public static JsonSerializerOptions Strict { get; } = Create(strict: true);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new DurationJsonConverter() },
        };
        if (strict)
            options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
