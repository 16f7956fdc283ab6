using System.Text.Json;

namespace Drydock.Acme;

/// <summary>RFC 8555 7.1.6: the status values of orders, authorizations and challenges.</summary>
public enum AcmeStatus
{
    Unknown,
    Pending,
    Ready,
    Processing,
    Valid,
    Invalid,
    Deactivated,
    Expired,
    Revoked,
}

public sealed record AcmeOrder(Uri Url, AcmeStatus Status, IReadOnlyList<Uri> Authorizations, Uri Finalize, Uri? Certificate, AcmeProblem? Error)
{
    public static AcmeOrder Parse(string json, Uri url)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new AcmeOrder(
            url,
            AcmeJson.Status(root),
            root.GetProperty("authorizations").EnumerateArray().Select(a => new Uri(a.GetString()!)).ToArray(),
            new Uri(root.GetProperty("finalize").GetString()!),
            AcmeJson.Text(root, "certificate") is { } certificate ? new Uri(certificate) : null,
            AcmeJson.Problem(root, "error"));
    }
}

public sealed record AcmeAuthorization(Uri Url, AcmeStatus Status, string Identifier, IReadOnlyList<AcmeChallenge> Challenges)
{
    public const string Http01 = "http-01";

    public AcmeChallenge? Http01Challenge => Challenges.FirstOrDefault(c => c.Type == Http01);

    public static AcmeAuthorization Parse(string json, Uri url)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new AcmeAuthorization(
            url,
            AcmeJson.Status(root),
            root.GetProperty("identifier").GetProperty("value").GetString()!,
            root.GetProperty("challenges").EnumerateArray().Select(AcmeChallenge.FromJson).ToArray());
    }
}

public sealed record AcmeChallenge(string Type, Uri Url, AcmeStatus Status, string? Token, AcmeProblem? Error)
{
    internal static AcmeChallenge FromJson(JsonElement element) => new(
        AcmeJson.Text(element, "type") ?? string.Empty,
        new Uri(element.GetProperty("url").GetString()!),
        AcmeJson.Status(element),
        AcmeJson.Text(element, "token"),
        AcmeJson.Problem(element, "error"));
}

internal static class AcmeJson
{
    public static AcmeStatus Status(JsonElement element) =>
        Enum.TryParse<AcmeStatus>(Text(element, "status"), ignoreCase: true, out var status) ? status : AcmeStatus.Unknown;

    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static AcmeProblem? Problem(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? AcmeProblem.FromJson(value) : null;
}
