using System.Net;

namespace Drydock.Docker.Tests;

/// <summary>Answers HTTP requests from a function and records them (with their Authorization headers).</summary>
internal sealed class FakeHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var response = answer(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    public static HttpResponseMessage Json(string body, string? mediaType = "application/json", string? digest = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType ?? "application/json");
        if (digest is not null)
            response.Headers.Add("Docker-Content-Digest", digest);
        return response;
    }

    public static HttpResponseMessage Status(HttpStatusCode status, string? challenge = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{\"errors\":[]}") };
        if (challenge is not null)
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        return response;
    }
}
