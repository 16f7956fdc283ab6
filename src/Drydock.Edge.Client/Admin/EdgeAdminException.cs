using System.Net;
using System.Text.Json;

namespace Drydock.Edge.Client;

/// <summary>The admin API answered with an error; <see cref="Title"/> and <see cref="Detail"/> come from its problem body.</summary>
public sealed class EdgeAdminException(HttpStatusCode status, string? type, string title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception($"The edge refused: {(int)status} {title}{(detail is null ? "" : ": " + detail)}{Describe(errors)}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Type { get; } = type;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>Per member of the request, for a 400 validation problem.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The edge could not get a 2xx from the new upstream's health path: nothing was switched.</summary>
    public bool UpstreamUnhealthy => Type == Contract.AdminPaths.UpstreamUnhealthyType;

    /// <summary>Someone switched the route since it was read: nothing was switched.</summary>
    public bool GenerationConflict => Type == Contract.AdminPaths.GenerationConflictType;

    /// <summary>The refusal in an error answer: its problem body when it has one, else the start of whatever it sent.</summary>
    public static async Task<EdgeAdminException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? type = null, detail = null;
        var title = response.ReasonPhrase ?? "error";
        var errors = new Dictionary<string, string[]>();
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            type = Text(root, "type");
            title = Text(root, "title") ?? title;
            detail = Text(root, "detail");
            if (root.TryGetProperty("errors", out var members) && members.ValueKind == JsonValueKind.Object)
                foreach (var member in members.EnumerateObject())
                    errors[member.Name] = member.Value.ValueKind == JsonValueKind.Array ? [.. member.Value.EnumerateArray().Select(m => m.ToString())] : [member.Value.ToString()];
        }
        catch (JsonException)
        {
            detail = body.Length > 500 ? body[..500] : body;
        }
        return new EdgeAdminException(response.StatusCode, type, title, detail, errors);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count == 0 ? "" : " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")) + ")";
}
