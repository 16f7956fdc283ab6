using System.Globalization;
using System.Net;
using System.Text;
using Drydock.Edge.Client;

namespace Drydock.Deploy;

/// <summary>
/// The edge's admin API with <c>docker exec</c> as its transport: each request runs the edge binary's own admin client
/// inside the edge container (<c>/app/Drydock.Edge admin request</c>), which talks to the edge over its owner-only admin
/// socket. No admin port is published and nothing listens on the runner: whoever can reach the admin API already
/// controls the engine, local or remote (through the run's SSH tunnel).
/// </summary>
public sealed class EdgeAdminExec(DockerCli docker, string container) : HttpMessageHandler
{
    /// <summary>The edge binary inside its image (see src/Drydock.Edge/Dockerfile).</summary>
    public const string EdgeBinary = "/app/Drydock.Edge";

    /// <summary>A placeholder base address: requests never leave the engine, only their method and path are used.</summary>
    public static readonly Uri BaseAddress = new("http://edge-admin/");

    /// <summary>An admin client of the edge in <paramref name="container"/>.</summary>
    public static EdgeAdminClient Client(DockerCli docker, string container) => new(BaseAddress, new EdgeAdminExec(docker, container));

    /// <summary>The <c>docker exec</c> of one request, as data.</summary>
    public static DockerExecSettings Settings(string container, HttpMethod method, string path) =>
        new(container, [EdgeBinary, "admin", "request", "--method", method.Method, "--path", path]) { Interactive = true };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.OriginalString ?? "/";
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var command = docker.Command(Settings(container, request.Method, path)) with { StandardInput = body, ThrowOnError = false, EchoOutput = false };
        var result = await docker.Runner.RunAsync(command, cancellationToken);
        var response = Answer(container, result.ExitCode, result.StandardOutput, result.StandardError);
        response.RequestMessage = request;
        return response;
    }

    /// <summary>
    /// What one exec answered, as an HTTP response. An edge that is not running or not answering yet is an
    /// <see cref="HttpRequestException"/>, as a refused connection would be, so callers that wait for the edge keep waiting.
    /// </summary>
    public static HttpResponseMessage Answer(string container, int exitCode, IReadOnlyList<string> stdout, IReadOnlyList<string> stderr)
    {
        var error = string.Join(" ", stderr).Trim();
        if (exitCode == 0 && stdout.Count > 0 && int.TryParse(stdout[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 100 and < 600)
        {
            var body = string.Join('\n', stdout.Skip(1));
            var mediaType = body.Contains("\"type\"", StringComparison.Ordinal) && status >= 400 ? "application/problem+json" : "application/json";
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        }
        if (exitCode == 2 && error.Contains("Unknown command 'request'", StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"Edge {container} runs an edge image older than this build (its admin client has no 'request'). Replace it: docker rm -f {container}, then Deploy again (the port is closed for a few seconds; the route is kept in its volume). "
                + "Drydock does not do this by itself: the new edge can only publish the port once the old one is gone, and it never closes a serving port unasked.");
        // 3: no edge answers on its socket yet; anything else: docker could not exec (no such container, not running).
        throw new HttpRequestException($"The admin client in {container} did not answer (exit code {exitCode}): {(error.Length > 0 ? error : string.Join(" ", stdout))}");
    }
}
