using System.Net;
using System.Text;

namespace Drydock.Acme.Tests;

/// <summary>
/// The issuer's waiting, over a scripted ACME exchange and a clock that records waits instead of sleeping: Retry-After
/// is what it waits, and a wait past the bound is a timeout at once. (Issuance itself is proven against pebble.)
/// </summary>
public class IssuerPollingTests
{
    private const string Name = "a.example.org";

    [Fact]
    public async Task The_servers_Retry_After_is_the_wait_between_polls()
    {
        var server = new RoutedServer();
        server.Answer("/authz/1", Authorization("pending"), retryAfter: null);
        server.Answer("/authz/1", Authorization("pending"), retryAfter: 2);
        server.Answer("/authz/1", Authorization("pending"), retryAfter: 3);
        server.Answer("/authz/1", Authorization("invalid", ""","error":{"type":"urn:ietf:params:acme:error:unauthorized","detail":"404"}"""));
        var clock = new RecordingClock();
        var responder = new Http01ChallengeStore();

        var error = await Assert.ThrowsAsync<AcmeException>(async () => await (await IssuerAsync(server, responder, clock, TimeSpan.FromMinutes(1))).IssueAsync([DnsName.Parse(Name)], CancellationToken.None));

        Assert.Equal(ProblemCause.Unauthorized, error.Cause);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], clock.Waits);
        Assert.Empty(responder.Tokens);
        Assert.Equal(1, server.Posts("/chall/1"));
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_bound_is_a_timeout_without_sleeping_into_it()
    {
        var server = new RoutedServer();
        server.Answer("/authz/1", Authorization("pending"));
        server.Answer("/authz/1", Authorization("pending"), retryAfter: 3600);
        var clock = new RecordingClock();
        var responder = new Http01ChallengeStore();

        var error = await Assert.ThrowsAsync<AcmeException>(async () => await (await IssuerAsync(server, responder, clock, TimeSpan.FromSeconds(30))).IssueAsync([DnsName.Parse(Name)], CancellationToken.None));

        Assert.Equal(ProblemCause.Timeout, error.Cause);
        Assert.Contains($"validation of {Name}", error.Message);
        Assert.Empty(clock.Waits);
        Assert.Empty(responder.Tokens);
    }

    private static async Task<CertificateIssuer> IssuerAsync(RoutedServer server, IHttp01ChallengeResponder responder, TimeProvider clock, TimeSpan timeout)
    {
        var client = await AcmeClient.ConnectAsync(new Uri("https://acme.test/dir"), server, new CapturingBuildLog(), CancellationToken.None);
        var account = await client.OpenAccountAsync(AccountKey.Create(), new AccountRequest(true), CancellationToken.None);
        return new CertificateIssuer(account, responder, new CapturingBuildLog(), new PollSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), timeout), clock);
    }

    private static string Authorization(string status, string extra = "") =>
        $$"""{"status":"{{status}}","identifier":{"type":"dns","value":"{{Name}}"},"challenges":[{"type":"http-01","url":"https://acme.test/chall/1","token":"tok1","status":"{{status}}"{{extra}}}]}""";

    /// <summary>Answers by path: fixed answers for the directory, nonce, account, order and challenge; queued ones for authz.</summary>
    private sealed class RoutedServer : HttpMessageHandler
    {
        private readonly Dictionary<string, Queue<(string Body, int? RetryAfter)>> _queued = [];
        private readonly List<string> _posts = [];
        private int _nonce;

        public void Answer(string path, string body, int? retryAfter = null)
        {
            if (!_queued.TryGetValue(path, out var queue))
                _queued[path] = queue = new Queue<(string, int?)>();
            queue.Enqueue((body, retryAfter));
        }

        public int Posts(string path) => _posts.Count(p => p == path);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post)
                _posts.Add(path);
            var response = path switch
            {
                "/dir" => Json(HttpStatusCode.OK, """{"newNonce":"https://acme.test/nonce","newAccount":"https://acme.test/acct","newOrder":"https://acme.test/order"}"""),
                "/nonce" => Json(HttpStatusCode.OK, ""),
                "/acct" => Json(HttpStatusCode.Created, """{"status":"valid"}""", "https://acme.test/acct/1"),
                "/order" => Json(HttpStatusCode.Created, """{"status":"pending","authorizations":["https://acme.test/authz/1"],"finalize":"https://acme.test/order/1/finalize"}""", "https://acme.test/order/1"),
                "/chall/1" => Json(HttpStatusCode.OK, """{"type":"http-01","url":"https://acme.test/chall/1","token":"tok1","status":"processing"}"""),
                _ when _queued.TryGetValue(path, out var queue) && queue.Count > 0 => Queued(queue.Dequeue()),
                _ => Json(HttpStatusCode.NotFound, """{"type":"urn:ietf:params:acme:error:malformed","detail":"no such resource"}"""),
            };
            response.Headers.Add("Replay-Nonce", $"nonce-{++_nonce}");
            return Task.FromResult(response);
        }

        private static HttpResponseMessage Queued((string Body, int? RetryAfter) answer)
        {
            var response = Json(HttpStatusCode.OK, answer.Body);
            if (answer.RetryAfter is { } seconds)
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            return response;
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body, string? location = null)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (location is not null)
                response.Headers.Location = new Uri(location);
            return response;
        }
    }

    /// <summary>A clock whose timers fire at once: Task.Delay returns immediately and the wait it asked for is recorded.</summary>
    private sealed class RecordingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

        public List<TimeSpan> Waits { get; } = [];

        public override DateTimeOffset GetUtcNow() => _now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Waits.Add(dueTime);
                _now += dueTime;
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }
            return new Fired();
        }

        private sealed class Fired : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose() { }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
