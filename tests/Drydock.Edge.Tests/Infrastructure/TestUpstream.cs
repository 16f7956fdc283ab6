using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Drydock.Edge.Tests;

/// <summary>
/// A release stand-in on a loopback port: answers every request with its own name (and records it), <c>/ready</c> with
/// 200 or 503 as told, <c>/status/N</c> with status N, and <c>/hold</c> only once the test releases it, to keep a request in flight on purpose. With a
/// body limit it refuses larger bodies as an ASP.NET Core app does: Kestrel answers 413 before reading the body.
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestUpstream(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public string Address { get; private set; } = string.Empty;

    public bool Healthy { get; set; } = true;

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    /// <summary>Completes when a <c>/hold</c> request has arrived and is waiting.</summary>
    public Task Holding => _holding.Task;

    /// <summary>On <paramref name="address"/> (loopback by default) and <paramref name="port"/> (0: any free one).</summary>
    public static async Task<TestUpstream> StartAsync(string name, long? maxRequestBodySize = null, IPAddress? address = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address ?? IPAddress.Loopback, port);
            if (maxRequestBodySize is { } limit)
                k.Limits.MaxRequestBodySize = limit;
        });
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var app = builder.Build();
        var upstream = new TestUpstream(name, app);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.Address = new Uri(bound).GetLeftPart(UriPartial.Authority);
        return upstream;
    }

    /// <summary>Lets every held request answer.</summary>
    public void Release() => _release.TrySetResult();

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new StreamReader(request.Body);
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path + request.QueryString,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await body.ReadToEndAsync()));

        if (request.Path == "/ready")
        {
            context.Response.StatusCode = Healthy ? 200 : 503;
            await context.Response.WriteAsync(Healthy ? "healthy" : "unhealthy");
            return;
        }
        if (request.Path.StartsWithSegments("/status", out var rest) && int.TryParse(rest.Value?.Trim('/'), out var status))
        {
            context.Response.StatusCode = status;
            return;
        }
        if (request.Path == "/hold")
        {
            _holding.TrySetResult();
            await _release.Task;
        }
        context.Response.Headers["X-Upstream"] = Name;
        await context.Response.WriteAsync(Name);
    }
}

public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
