using System.Collections.Concurrent;
using Drydock.Edge.Contract;
using Microsoft.Extensions.Logging;

namespace Drydock.Edge.Tests;

/// <summary>Every forwarded request is one access line (method, path without the query, status, release, duration).</summary>
public sealed class AccessLogTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, object?>> _states = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _v1 = null!;

    public async Task InitializeAsync()
    {
        _v1 = await TestUpstream.StartAsync("v1");
        _edge = await EdgeUnderTest.StartAsync(_state.Path, options => options with { ConfigureLogging = logging => logging.AddProvider(new Capture(_lines, _states)) });
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _v1.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task A_forwarded_request_is_logged_with_its_release_and_status_but_not_its_query()
    {
        await _edge.SwitchAsync(_v1, "1.0.0");

        await _edge.Public.GetStringAsync("/notes?token=secret-in-query");

        var line = Assert.Single(_lines, l => l.Contains("/notes", StringComparison.Ordinal));
        Assert.Matches(@"^GET /notes 200 1\.0\.0 \d+\.\dms$", line);
        Assert.DoesNotContain("secret-in-query", string.Join('\n', _lines));
    }

    [Fact]
    public async Task An_access_line_carries_its_status_and_duration_as_numbers_under_the_names_a_cluster_window_reads()
    {
        await _edge.SwitchAsync(_v1, "1.0.0");

        await _edge.Public.GetStringAsync("/version");

        var state = Assert.Single(_states, s => Equals(s.GetValueOrDefault("Path"), "/version"));
        Assert.Equal("GET", state[AccessLine.Method]);
        Assert.Equal(200, Assert.IsType<int>(state[AccessLine.Status]));
        Assert.InRange(Assert.IsType<double>(state[AccessLine.DurationMs]), 0, 60_000);
    }

    private sealed class Capture(ConcurrentQueue<string> lines, ConcurrentQueue<IReadOnlyDictionary<string, object?>> states) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => categoryName.EndsWith("PublicProxy", StringComparison.Ordinal) ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue(formatter(state, exception));
            // The structured values, as the JSON console writes them into "State".
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
                states.Enqueue(values.ToDictionary(v => v.Key, v => v.Value));
        }

        public void Dispose() { }
    }
}
