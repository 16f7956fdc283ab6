using System.Globalization;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Cli;

/// <summary>
/// <c>Drydock.Edge admin host …</c>: host routes and their certificates, as admin requests. Pure, like
/// <see cref="AdminCommandLine"/>: a bad command line is an error naming the fix, and nothing is sent.
/// </summary>
public static class HostCommandLine
{
    public const string Usage = """
          host list                                       declared host routes, their routes and certificates
          host declare --host NAME [--path-prefix /P] [--tls acme|files|off]
                                                          route requests for NAME (below /P) separately; acme issues a certificate
          host set --host NAME [--path-prefix /P] --upstream HOST:PORT --version V [--health-path /PATH] [--generation N]
                                                          switch that host route (generation-guarded per host route)
          host certificate --host NAME [--issue]          its certificate's issuer and expiry; --issue: issue now if
                                                          needed and wait (fails naming the cause: dns, connection, ratelimited, …)
        """;

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["list"] = [],
        ["declare"] = ["--host", "--path-prefix", "--tls"],
        ["set"] = ["--host", "--path-prefix", "--upstream", "--version", "--health-path", "--generation"],
        ["certificate"] = ["--host", "--issue"],
    };

    public static AdminCommand Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Allowed.TryGetValue(args[0], out var allowed))
            throw new FormatException($"'host' needs a command: {string.Join(", ", Allowed.Keys)}.");
        var options = Options(args[0], args.Skip(1).ToList(), allowed);
        var host = args[0] == "list" ? "" : Uri.EscapeDataString(Required(options, "--host", "the host name, e.g. --host notes.example.org"));
        var prefix = options.TryGetValue("--path-prefix", out var p) ? p : null;
        return args[0] switch
        {
            "list" => new AdminCommand.HostRequest(HttpMethod.Get, HostPaths.Hosts, null),
            "declare" => new AdminCommand.HostRequest(HttpMethod.Put, $"{HostPaths.Hosts}/{host}", new HostDeclarationChange(prefix, options.GetValueOrDefault("--tls"))),
            "set" => new AdminCommand.HostRequest(HttpMethod.Put, $"{HostPaths.Hosts}/{host}/route" + (prefix is null ? "" : "?pathPrefix=" + Uri.EscapeDataString(prefix)),
                new RouteChange(AdminCommandLine.NormalizeUpstream(Required(options, "--upstream", "the release's address, e.g. --upstream notes-production-1.2.3:8080")),
                    Required(options, "--version", "the release's version, e.g. --version 1.2.3"))
                {
                    HealthPath = options.GetValueOrDefault("--health-path"),
                    ExpectedGeneration = options.TryGetValue("--generation", out var g) ? Generation(g) : null,
                }),
            _ => options.ContainsKey("--issue")
                ? new AdminCommand.HostRequest(HttpMethod.Post, $"{HostPaths.Hosts}/{host}/certificate", null) { LongRunning = true }
                : new AdminCommand.HostRequest(HttpMethod.Get, $"{HostPaths.Hosts}/{host}/certificate", null),
        };
    }

    private static Dictionary<string, string> Options(string command, List<string> args, string[] allowed)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (!allowed.Contains(option))
                throw new FormatException(allowed.Length == 0 ? $"'host {command}' takes no options, not '{option}'." : $"'host {command}' has no option '{option}'; it takes {string.Join(", ", allowed)}.");
            if (!options.TryAdd(option, option == "--issue" ? "" : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : throw new FormatException($"{option} needs a value.")))
                throw new FormatException($"{option} is given twice.");
        }
        return options;
    }

    private static string Required(Dictionary<string, string> options, string name, string what) =>
        options.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new FormatException($"{name} is required: {what}.");

    private static long Generation(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"--generation '{text}' is not a whole number (the host route's generation from 'host list').");
}
