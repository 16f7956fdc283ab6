using System.Collections.Concurrent;

namespace Drydock.Acme;

/// <summary>
/// Answers published in memory, for a server in the same process (the edge, or a test's HTTP server) to serve:
/// <see cref="Answer"/> maps a request path to the body, or null (then the server answers 404).
/// </summary>
public sealed class Http01ChallengeStore : IHttp01ChallengeResponder
{
    private readonly ConcurrentDictionary<string, string> _answers = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Tokens => _answers.Keys.ToArray();

    public Task PublishAsync(Http01Challenge challenge, CancellationToken cancellationToken)
    {
        _answers[challenge.Token] = challenge.KeyAuthorization;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string token, CancellationToken cancellationToken)
    {
        _answers.TryRemove(token, out _);
        return Task.CompletedTask;
    }

    public string? Answer(string requestPath) =>
        Http01Challenge.TokenOf(requestPath) is { } token && _answers.TryGetValue(token, out var keyAuthorization) ? keyAuthorization : null;
}
