using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Drydock.Acme.Tests;

/// <summary>
/// Nonce handling over a scripted HTTP exchange (the wire format only; pebble, which rejects a fifth of nonces in the
/// integration suite, proves it against a real server).
/// </summary>
public class NonceTests
{
    private const string Directory = """{"newNonce":"https://acme.test/nonce","newAccount":"https://acme.test/acct","newOrder":"https://acme.test/order"}""";
    private const string BadNonce = """{"type":"urn:ietf:params:acme:error:badNonce","detail":"JWS has an invalid anti-replay nonce"}""";

    [Fact]
    public async Task A_badNonce_answer_is_retried_with_the_nonce_it_carried()
    {
        var server = new ScriptedServer(
            Respond(HttpStatusCode.OK, Directory),
            Respond(HttpStatusCode.OK, "", nonce: "n1"),
            Respond(HttpStatusCode.BadRequest, BadNonce, nonce: "n2", contentType: "application/problem+json"),
            Respond(HttpStatusCode.Created, """{"status":"valid"}""", nonce: "n3", location: "https://acme.test/acct/1"));
        using var client = await AcmeClient.ConnectAsync(new Uri("https://acme.test/dir"), server, new CapturingBuildLog(), CancellationToken.None);
        using var key = AccountKey.Create();

        var account = await client.OpenAccountAsync(key, new AccountRequest(true, "ops@example.org"), CancellationToken.None);

        Assert.Equal(new Uri("https://acme.test/acct/1"), account.Url);
        Assert.True(account.Created);
        Assert.Equal(["GET", "HEAD", "POST", "POST"], server.Requests.Select(r => r.Method));
        Assert.Equal(["n1", "n2"], server.Requests.Where(r => r.Method == "POST").Select(r => Header(r.Body)["nonce"]!.GetValue<string>()));
        Assert.Equal("application/jose+json", server.Requests[2].ContentType);
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(JsonNode.Parse(server.Requests[3].Body)!["payload"]!.GetValue<string>()));
        Assert.Equal("""{"termsOfServiceAgreed":true,"contact":["mailto:ops@example.org"]}""", payload);
    }

    [Fact]
    public async Task Endless_badNonce_answers_end_in_an_error_not_a_loop()
    {
        var answers = new List<Func<HttpResponseMessage>> { Respond(HttpStatusCode.OK, Directory), Respond(HttpStatusCode.OK, "", nonce: "n0") };
        for (var i = 0; i <= 10; i++)
            answers.Add(Respond(HttpStatusCode.BadRequest, BadNonce, nonce: $"n{i + 1}", contentType: "application/problem+json"));
        var server = new ScriptedServer([.. answers]);
        using var client = await AcmeClient.ConnectAsync(new Uri("https://acme.test/dir"), server, new CapturingBuildLog(), CancellationToken.None);
        using var key = AccountKey.Create();

        var error = await Assert.ThrowsAsync<AcmeException>(() => client.OpenAccountAsync(key, new AccountRequest(true), CancellationToken.None));

        Assert.Equal(ProblemCause.BadNonce, error.Cause);
        Assert.Equal(AcmeTransport.BadNonceRetries + 1, server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task Terms_not_agreed_are_refused_before_anything_is_sent()
    {
        var server = new ScriptedServer(Respond(HttpStatusCode.OK, """{"newNonce":"https://acme.test/nonce","newAccount":"https://acme.test/acct","newOrder":"https://acme.test/order","meta":{"termsOfService":"https://acme.test/tos"}}"""));
        using var client = await AcmeClient.ConnectAsync(new Uri("https://acme.test/dir"), server, new CapturingBuildLog(), CancellationToken.None);
        using var key = AccountKey.Create();

        var error = await Assert.ThrowsAsync<AcmeException>(() => client.OpenAccountAsync(key, new AccountRequest(false), CancellationToken.None));

        Assert.Contains("https://acme.test/tos", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_URL_that_is_not_a_directory_names_the_option_to_fix()
    {
        var server = new ScriptedServer(Respond(HttpStatusCode.OK, """{"hello":"world"}"""));

        var error = await Assert.ThrowsAsync<AcmeException>(() => AcmeClient.ConnectAsync(new Uri("https://acme.test/"), server, new CapturingBuildLog(), CancellationToken.None));

        Assert.Contains("--acme-directory", error.Message);
    }

    private static JsonObject Header(string jws) => JwsMessage.DecodeProtectedHeader(jws);

    private static Func<HttpResponseMessage> Respond(HttpStatusCode status, string body, string? nonce = null, string? location = null, string contentType = "application/json") => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (nonce is not null)
            response.Headers.Add("Replay-Nonce", nonce);
        if (location is not null)
            response.Headers.Location = new Uri(location);
        return response;
    };

    private sealed record Seen(string Method, string Body, string? ContentType);

    private sealed class ScriptedServer(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<Seen> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new Seen(request.Method.Method, body, request.Content?.Headers.ContentType?.MediaType));
            return answers[_next++]();
        }
    }
}
