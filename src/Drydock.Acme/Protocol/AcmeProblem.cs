using System.Text.Json;

namespace Drydock.Acme;

/// <summary>
/// An RFC 7807 problem document as ACME uses it (RFC 8555 6.7): a type (urn:ietf:params:acme:error:*), a detail,
/// and for an order or a challenge possibly one subproblem per identifier.
/// </summary>
public sealed record AcmeProblem(string Type, string Detail, int? Status, string? Identifier, IReadOnlyList<AcmeProblem> Subproblems)
{
    public const string AcmeErrorPrefix = "urn:ietf:params:acme:error:";

    private static readonly string[] DnsFailureHints = ["could not resolve", "no such host", "NXDOMAIN", "SERVFAIL", "DNS problem"];

    /// <summary>The ACME error name without the URN prefix (badNonce, rateLimited, ...), or the whole type otherwise.</summary>
    public string Name => Type.StartsWith(AcmeErrorPrefix, StringComparison.Ordinal) ? Type[AcmeErrorPrefix.Length..] : Type;

    /// <summary>What went wrong, for the person deploying: a generic top level defers to its first subproblem.</summary>
    public ProblemCause Cause
    {
        get
        {
            var own = CauseOf(Name);
            // Some servers (pebble) report a failed lookup of the validated name as a connection problem.
            if (own == ProblemCause.Connection && DnsFailureHints.Any(h => Detail.Contains(h, StringComparison.OrdinalIgnoreCase)))
                return ProblemCause.Dns;
            var generic = own is ProblemCause.Other or ProblemCause.Malformed or ProblemCause.RejectedIdentifier;
            return generic && Subproblems.Count > 0 ? Subproblems[0].Cause : own;
        }
    }

    /// <summary>Reads a problem body; a body that is not one (an HTML error page from a proxy) still becomes a problem.</summary>
    public static AcmeProblem Parse(string body, int? httpStatus)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? FromJson(document.RootElement, httpStatus)
                : NotAProblem(body, httpStatus);
        }
        catch (JsonException)
        {
            return NotAProblem(body, httpStatus);
        }
    }

    internal static AcmeProblem FromJson(JsonElement element, int? httpStatus = null)
    {
        var subproblems = element.TryGetProperty("subproblems", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => FromJson(e)).ToArray()
            : [];
        return new AcmeProblem(
            Text(element, "type") ?? "about:blank",
            Text(element, "detail") ?? string.Empty,
            element.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) ? code : httpStatus,
            element.TryGetProperty("identifier", out var identifier) && identifier.ValueKind == JsonValueKind.Object ? Text(identifier, "value") : null,
            subproblems);
    }

    public override string ToString() => $"{Name}: {Detail}";

    private static ProblemCause CauseOf(string name) => name switch
    {
        "dns" => ProblemCause.Dns,
        "connection" => ProblemCause.Connection,
        "incorrectResponse" or "unauthorized" => ProblemCause.Unauthorized,
        "rateLimited" => ProblemCause.RateLimited,
        "badNonce" => ProblemCause.BadNonce,
        "caa" => ProblemCause.Caa,
        "tls" => ProblemCause.Tls,
        "rejectedIdentifier" or "unsupportedIdentifier" => ProblemCause.RejectedIdentifier,
        "malformed" or "badCSR" or "badSignatureAlgorithm" or "badPublicKey" => ProblemCause.Malformed,
        "accountDoesNotExist" or "externalAccountRequired" or "userActionRequired" or "badRevocationReason" => ProblemCause.Account,
        "serverInternal" => ProblemCause.ServerInternal,
        _ => ProblemCause.Other,
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AcmeProblem NotAProblem(string body, int? httpStatus)
    {
        var text = body.Trim();
        return new AcmeProblem("about:blank", text.Length > 200 ? text[..200] + "…" : text, httpStatus, null, []);
    }
}

/// <summary>The causes a deploy names, each with its own fix (see <see cref="ProblemExplanation"/>).</summary>
public enum ProblemCause
{
    Dns,
    Connection,
    Unauthorized,
    RateLimited,
    BadNonce,
    Caa,
    Tls,
    RejectedIdentifier,
    Malformed,
    Account,
    ServerInternal,
    ServerUnreachable,
    Timeout,
    Other,
}
