using System.Net;
using System.Text.Json.Nodes;
using Drydock.Engine.Output;

namespace Drydock.Acme;

/// <summary>What a new account declares (RFC 8555 7.3). The terms must be agreed explicitly by the caller.</summary>
public sealed record AccountRequest(bool TermsOfServiceAgreed, string? ContactEmail = null);

/// <summary>
/// An ACME server, by its directory URL: reads the directory once, then opens the account for a key. The HTTP
/// handler decides which server certificates are trusted (<see cref="AcmeServerTrust"/>).
/// </summary>
public sealed class AcmeClient : IDisposable
{
    private readonly AcmeTransport _transport;
    private readonly IBuildLog _log;

    private AcmeClient(AcmeTransport transport, Uri directoryUrl, IBuildLog log)
    {
        _transport = transport;
        DirectoryUrl = directoryUrl;
        _log = log;
    }

    public Uri DirectoryUrl { get; }

    public AcmeDirectory Directory => _transport.Directory;

    public static async Task<AcmeClient> ConnectAsync(Uri directoryUrl, HttpMessageHandler handler, IBuildLog log, CancellationToken cancellationToken)
    {
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Drydock-ACME/1.0");
        try
        {
            var directory = await AcmeTransport.ReadDirectoryAsync(http, directoryUrl, cancellationToken);
            return new AcmeClient(new AcmeTransport(http, directory, log), directoryUrl, log);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// newAccount signed with the key's jwk: 201 creates the account, 200 means the server already knows this key and
    /// returns the same account (RFC 8555 7.3.1), so a stored key always finds its account again.
    /// </summary>
    public async Task<AcmeAccount> OpenAccountAsync(AccountKey key, AccountRequest request, CancellationToken cancellationToken)
    {
        if (Directory.TermsOfService is { } terms && !request.TermsOfServiceAgreed)
            throw new AcmeException(ProblemCause.Account, $"The ACME server requires agreeing to its terms of service ({terms}); the account request did not agree to them.");
        if (Directory.ExternalAccountRequired)
            throw new AcmeException(ProblemCause.Account, $"The ACME server at {DirectoryUrl} requires external account binding, which Drydock does not support. Use a CA that does not require it (Let's Encrypt does not).");

        var payload = new JsonObject { ["termsOfServiceAgreed"] = request.TermsOfServiceAgreed };
        if (!string.IsNullOrWhiteSpace(request.ContactEmail))
            payload["contact"] = new JsonArray($"mailto:{request.ContactEmail.Trim()}");

        var response = await _transport.PostAsync(Directory.NewAccount, key, accountUrl: null, payload.ToJsonString(), cancellationToken);
        var accountUrl = response.Location
                         ?? throw new AcmeException(ProblemCause.Account, "The ACME server created the account but sent no Location header (the account URL); it does not follow RFC 8555 7.3.");
        var created = response.Status == HttpStatusCode.Created;
        _log.Write(LogLevel.Information, created ? $"ACME: registered a new account at {DirectoryUrl}." : $"ACME: using the existing account at {DirectoryUrl}.");
        return new AcmeAccount(_transport, key, accountUrl, created);
    }

    public void Dispose() => _transport.Dispose();
}
