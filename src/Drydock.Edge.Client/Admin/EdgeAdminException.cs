using System.Net;

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

    private static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count == 0 ? "" : " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")) + ")";
}
