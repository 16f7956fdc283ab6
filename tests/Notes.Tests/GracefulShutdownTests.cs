using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

/// <summary>
/// The real app on Kestrel: a stop (what SIGTERM triggers) while an upload is half-sent refuses new connections,
/// lets that request finish with 201, and the note is there after a restart.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_in_flight_request_completes_with_201_after_shutdown_has_begun()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        NoteDto stored;

        await using (var app = new NotesAppFactory(_data.Path, testServices: WatchForPostsToNotes(arrived)))
        {
            var address = app.StartKestrel();
            using var client = new HttpClient { BaseAddress = address };
            var upload = client.PostAsync("/notes", Json("""{"text": "finished during shutdown"}""", release.Task));
            await arrived.Task.WaitAsync(Patience);

            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.StopApplication();
            await WaitUntilConnectionsAreRefusedAsync(address);
            release.SetResult();

            using var response = await upload.WaitAsync(Patience);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            stored = await response.ReadAsAsync<NoteDto>();
            await WaitAsync(lifetime.ApplicationStopped);
        }

        await using var restarted = new NotesAppFactory(_data.Path);
        using var restartedClient = restarted.CreateClient();
        using var fetched = await restartedClient.GetAsync($"/notes/{stored.Id}");
        Assert.Equal(stored, await fetched.ReadAsAsync<NoteDto>());
    }

    [Fact]
    public async Task A_request_outlasting_SHUTDOWN_TIMEOUT_SECONDS_is_cut_off_and_nothing_is_stored()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = new Dictionary<string, string?> { ["SHUTDOWN_TIMEOUT_SECONDS"] = "1" };

        await using (var app = new NotesAppFactory(_data.Path, settings, WatchForPostsToNotes(arrived)))
        {
            var address = app.StartKestrel();
            using var client = new HttpClient { BaseAddress = address };
            var upload = client.PostAsync("/notes", Json("""{"text": "never finished"}""", held.Task));
            await arrived.Task.WaitAsync(Patience);

            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            lifetime.StopApplication();
            await WaitAsync(lifetime.ApplicationStopped);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8)); // the default would be 20

            held.SetResult(); // the rest of the body now meets a closed connection
            await Assert.ThrowsAsync<HttpRequestException>(() => upload.WaitAsync(Patience));
        }

        Assert.Empty(Sqlite.Query<string>(_data.DatabasePath, "SELECT text FROM notes"));
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData("7", 7)]
    public void SHUTDOWN_TIMEOUT_SECONDS_sets_the_host_shutdown_timeout(string? configured, int seconds)
    {
        var settings = new Dictionary<string, string?> { ["SHUTDOWN_TIMEOUT_SECONDS"] = configured };
        using var app = new NotesAppFactory(_data.Path, settings);

        Assert.Equal(TimeSpan.FromSeconds(seconds), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void A_malformed_SHUTDOWN_TIMEOUT_SECONDS_is_refused()
    {
        Assert.Throws<FormatException>(() => Hosting.ShutdownTimeout.Parse("soon"));
        Assert.Throws<FormatException>(() => Hosting.ShutdownTimeout.Parse("-5"));
    }

    private static Action<IServiceCollection> WatchForPostsToNotes(TaskCompletionSource arrived) =>
        services => services.AddSingleton<IStartupFilter>(new SignalOnRequest("/notes", arrived));

    private static HeldBackContent Json(string json, Task release)
    {
        var content = new HeldBackContent(Encoding.UTF8.GetBytes(json), release);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static async Task WaitUntilConnectionsAreRefusedAsync(Uri address)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(address.Host, address.Port);
            }
            catch (SocketException)
            {
                return;
            }
            await Task.Delay(20);
        }
        Assert.Fail("the server kept accepting connections after shutdown began");
    }

    private static Task WaitAsync(CancellationToken token) => Task.Delay(Timeout.Infinite, token)
        .ContinueWith(_ => { }, TaskScheduler.Default)
        .WaitAsync(Patience);
}
