using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Drydock.Acme.IntegrationTests;

/// <summary>
/// What the edge will be on port 80, as small as it gets: serves /.well-known/acme-challenge/ from an
/// <see cref="Http01ChallengeStore"/> (404 for anything else) and records which hosts asked. Hosts listed in
/// <see cref="CutOff"/> get their connection aborted, as when port 80 is unreachable, without touching any other address.
/// </summary>
internal sealed class ChallengeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChallengeServer(WebApplication app) => _app = app;

    public Http01ChallengeStore Store { get; } = new();

    public ConcurrentBag<string> Requests { get; } = [];

    public ConcurrentDictionary<string, bool> CutOff { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<ChallengeServer> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new ChallengeServer(app);
        app.Run(async context =>
        {
            var host = context.Request.Host.Host;
            server.Requests.Add($"{host}{context.Request.Path}");
            if (server.CutOff.ContainsKey(host))
            {
                context.Abort();
                return;
            }
            if (server.Store.Answer(context.Request.Path.Value ?? string.Empty) is { } answer)
            {
                context.Response.ContentType = "application/octet-stream";
                await context.Response.WriteAsync(answer);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
