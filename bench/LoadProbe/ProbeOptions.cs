using System.Globalization;

namespace LoadProbe;

/// <summary>
/// <c>LoadProbe run --url U [--connections 8] [--warmup 3] [--settle 5] [--max-seconds 600] [--max-requests 5000000]
/// [--label NAME] [--expect-version V] [--post-json BODY] [--out FILE] -- command args...</c>
/// With <c>--post-json</c> every request is a POST of that JSON body (e.g. writes to Notes' <c>/notes</c>) instead of a GET.
/// </summary>
public sealed record ProbeOptions(Uri Url, IReadOnlyList<string> Command)
{
    public int Connections { get; init; } = 8;
    public double WarmupSeconds { get; init; } = 3;
    public double SettleSeconds { get; init; } = 5;
    public double MaxSeconds { get; init; } = 600;
    public long MaxRequests { get; init; } = 5_000_000;
    public string Label { get; init; } = "run";
    public string? ExpectVersion { get; init; }
    public string? Output { get; init; }
    public string? PostJson { get; init; }

    public static ProbeOptions Parse(IReadOnlyList<string> args)
    {
        var separator = args.ToList().IndexOf("--");
        var options = separator < 0 ? args : args.Take(separator).ToList();
        var command = separator < 0 ? [] : args.Skip(separator + 1).ToList();
        string? Get(string name)
        {
            var index = options.ToList().IndexOf(name);
            return index >= 0 && index + 1 < options.Count ? options[index + 1] : null;
        }
        double Number(string name, double fallback) => Get(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var url = Get("--url") ?? throw new ArgumentException("--url is required");
        var uri = new Uri(url, UriKind.Absolute);
        // Loopback only: this tool is for the machine it runs on.
        if (!(uri.IsLoopback || uri.Host == "127.0.0.1"))
            throw new ArgumentException($"--url must be a loopback address, not {uri.Host}");
        if (command.Count == 0)
            throw new ArgumentException("the command to measure goes after --");
        return new ProbeOptions(uri, command)
        {
            Connections = (int)Number("--connections", 8),
            WarmupSeconds = Number("--warmup", 3),
            SettleSeconds = Number("--settle", 5),
            MaxSeconds = Number("--max-seconds", 600),
            MaxRequests = (long)Number("--max-requests", 5_000_000),
            Label = Get("--label") ?? "run",
            ExpectVersion = Get("--expect-version"),
            Output = Get("--out"),
            PostJson = Get("--post-json"),
        };
    }
}
