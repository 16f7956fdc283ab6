using System.Text.Json;

namespace Drydock.Acme;

/// <summary>RFC 8555 7.1.1: the URLs the client needs, read once from the directory.</summary>
public sealed record AcmeDirectory(Uri NewNonce, Uri NewAccount, Uri NewOrder, Uri? TermsOfService, bool ExternalAccountRequired)
{
    public static AcmeDirectory Parse(string json, Uri directoryUrl)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var meta = root.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        return new AcmeDirectory(
            Required(root, "newNonce", directoryUrl),
            Required(root, "newAccount", directoryUrl),
            Required(root, "newOrder", directoryUrl),
            meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("termsOfService", out var tos) && tos.GetString() is { } terms ? new Uri(terms) : null,
            meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("externalAccountRequired", out var ear) && ear.ValueKind == JsonValueKind.True);
    }

    private static Uri Required(JsonElement root, string name, Uri directoryUrl) =>
        root.TryGetProperty(name, out var value) && value.GetString() is { } url
            ? new Uri(url)
            : throw new AcmeException(ProblemCause.ServerUnreachable, $"{directoryUrl} is not an ACME directory: it has no '{name}'. Fix: --acme-directory must be the directory URL itself (for Let's Encrypt https://acme-v02.api.letsencrypt.org/directory).");
}
