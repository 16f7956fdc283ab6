using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drydock.Edge.Contract;

/// <summary>The admin API's JSON: camelCase, null members left out.</summary>
public static class EdgeJson
{
    /// <summary>For answers and the state file; lenient on reading, so an older client still reads a newer edge's answers.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>For what the edge is told to do: an unknown member is refused, so a typo is a 400 rather than a silently ignored setting.</summary>
    public static JsonSerializerOptions Strict { get; } = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
