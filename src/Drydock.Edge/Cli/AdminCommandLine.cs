using System.Globalization;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Cli;

/// <summary>
/// Parses <c>Drydock.Edge admin [--socket PATH] &lt;command&gt; [options]</c>. Pure: a bad command line is an error
/// message naming the option and the fix, and nothing is sent. Upstreams may be given as <c>host:port</c>.
/// </summary>
public static class AdminCommandLine
{
    public static readonly string Usage = $"""
        usage: Drydock.Edge admin [--socket PATH] <command> [options]
          health                                          the edge's own health and active route
          routes                                          the route table and each upstream's in-flight count
          switch --upstream HOST:PORT --version V [--health-path /PATH] [--generation N]
                                                          route new requests there (checked first when --health-path is given)
          health-check --upstream HOST:PORT --path /PATH  GET the path on that upstream from the edge, without switching
          drain --upstream HOST:PORT [--timeout 30s]      wait until a replaced upstream has nothing in flight
          metrics [--prometheus]                          requests, status classes, failures, latency per upstream
          candidate --upstream HOST:PORT --version V      pin requests with X-Drydock-Candidate: <printed token> there
          candidate --clear                               end pinning
          canary --upstream HOST:PORT --version V --share 10% [--health-path /PATH] [--generation N]
                                                          send that share of requests there, each client sticky by cookie
          canary --clear                                  end the split (a switch to the canary's upstream promotes it)
          request --method GET|PUT|POST|DELETE --path /PATH
                                                          one admin request as is (body on stdin): the status code on the
                                                          first line of stdout, the body after it; exit 0 whatever the status
        {HostCommandLine.Usage}
        Prints JSON (the edge's contract types) on stdout. Exit codes: 0 done; 1 the edge refused, the check failed or
        the drain timed out; 2 bad command line; 3 no edge answers on the socket.
        The socket is EDGE_ADMIN_SOCKET, else <EDGE_STATE_DIR>/admin/admin.sock (/state/admin/admin.sock).
        """;

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["health"] = [],
        ["routes"] = [],
        ["switch"] = ["--upstream", "--version", "--health-path", "--generation"],
        ["health-check"] = ["--upstream", "--path"],
        ["drain"] = ["--upstream", "--timeout"],
        ["metrics"] = ["--prometheus"],
        ["candidate"] = ["--upstream", "--version", "--clear"],
        ["canary"] = ["--upstream", "--version", "--share", "--health-path", "--generation", "--clear"],
        ["request"] = ["--method", "--path"],
    };

    private static readonly string[] RequestMethods = ["GET", "PUT", "POST", "DELETE"];

    public static AdminInvocation Parse(IReadOnlyList<string> args)
    {
        var rest = args.ToList();
        string? socket = null;
        if (rest.Count >= 1 && rest[0] == "--socket")
        {
            socket = rest.Count >= 2 && !rest[1].StartsWith("--", StringComparison.Ordinal) ? rest[1] : throw Bad("--socket needs a path, e.g. --socket /state/admin/admin.sock.");
            rest.RemoveRange(0, 2);
        }
        if (rest.Count == 0 || rest[0] is "help" or "--help" or "-h")
            return new AdminInvocation(new AdminCommand.Help(), socket);
        var name = rest[0];
        if (name == "host")
            return new AdminInvocation(HostCommandLine.Parse(rest.Skip(1).ToList()), socket);
        if (!Allowed.TryGetValue(name, out var allowed))
            throw Bad($"Unknown command '{name}'. Commands: {string.Join(", ", Allowed.Keys)}, host.");
        var options = Options(name, rest.Skip(1).ToList(), allowed);
        AdminCommand command = name switch
        {
            "health" => new AdminCommand.Health(),
            "routes" => new AdminCommand.Routes(),
            "switch" => new AdminCommand.Switch(new RouteChange(Upstream(options), Required(options, "--version", "the release's version, e.g. --version 1.2.3"))
            {
                HealthPath = options.GetValueOrDefault("--health-path"),
                ExpectedGeneration = options.TryGetValue("--generation", out var generation) ? Generation(generation) : null,
            }),
            "health-check" => new AdminCommand.HealthCheck(new UpstreamHealthRequest(Upstream(options), Required(options, "--path", "the health path, e.g. --path /health/ready"))),
            "candidate" when options.ContainsKey("--clear") => options.Count == 1 ? new AdminCommand.ClearCandidate() : throw Bad("candidate --clear takes no other option."),
            "canary" when options.ContainsKey("--clear") => options.Count == 1 ? new AdminCommand.ClearCanary() : throw Bad("canary --clear takes no other option."),
            "canary" => new AdminCommand.SetCanary(new CanaryChange(Upstream(options), Required(options, "--version", "the canary's version, e.g. --version 1.2.4"),
                CanaryShare.TryParse(Required(options, "--share", "the share of requests it gets, e.g. --share 10%"), out var shareProblem) ?? throw Bad($"--share {shareProblem}."))
            {
                HealthPath = options.GetValueOrDefault("--health-path"),
                ExpectedGeneration = options.TryGetValue("--generation", out var canaryGeneration) ? Generation(canaryGeneration) : null,
            }),
            "candidate" => new AdminCommand.SetCandidate(new CandidateChange(Upstream(options), Required(options, "--version", "the candidate's version, e.g. --version 1.2.4"))),
            "request" => Request(options),
            "drain" => new AdminCommand.Drain(Upstream(options), options.TryGetValue("--timeout", out var timeout) ? Duration(timeout) : TimeSpan.FromSeconds(30)),
            _ => new AdminCommand.Metrics(options.ContainsKey("--prometheus")),
        };
        return new AdminInvocation(command, socket);
    }

    /// <summary><c>host:port</c> becomes <c>http://host:port</c>; anything with a scheme is passed on for the edge to validate.</summary>
    public static string NormalizeUpstream(string value) =>
        value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;

    /// <summary><c>30</c> (seconds), <c>30s</c>, <c>500ms</c>, <c>2m</c>.</summary>
    public static TimeSpan Duration(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value * unit > TimeSpan.FromHours(1).TotalSeconds)
            throw Bad($"--timeout '{text}' is not a duration up to an hour, e.g. 30s, 500ms or 2m.");
        return TimeSpan.FromSeconds(value * unit);
    }

    private static Dictionary<string, string> Options(string command, List<string> args, string[] allowed)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (!allowed.Contains(option))
                throw Bad(allowed.Length == 0 ? $"'{command}' takes no options, not '{option}'." : $"'{command}' has no option '{option}'; it takes {string.Join(", ", allowed)}.");
            if (options.ContainsKey(option))
                throw Bad($"{option} is given twice.");
            if (option is "--prometheus" or "--clear")
            {
                options[option] = "";
                continue;
            }
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw Bad($"{option} needs a value.");
            options[option] = args[++i];
        }
        return options;
    }

    // Only the admin API's own paths: the transport of a client (docker exec) that speaks the API, not a general proxy.
    private static AdminCommand.RawRequest Request(Dictionary<string, string> options)
    {
        var method = Required(options, "--method", "GET, PUT, POST or DELETE").ToUpperInvariant();
        var path = Required(options, "--path", "an admin path, e.g. --path /routes");
        if (!RequestMethods.Contains(method))
            throw Bad($"--method '{method}' is not one of {string.Join(", ", RequestMethods)}.");
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal))
            throw Bad($"--path '{path}' is not an admin path; give one starting with /, e.g. --path /routes.");
        return new AdminCommand.RawRequest(method, path);
    }

    private static string Upstream(Dictionary<string, string> options)
    {
        var upstream = NormalizeUpstream(Required(options, "--upstream", "the release's address on the edge's network, e.g. --upstream notes-production-1.2.3:8080"));
        // Only whether it is a URL at all; what the edge accepts (http, no path) it says itself, by member.
        return Uri.TryCreate(upstream, UriKind.Absolute, out _) ? upstream : throw Bad($"--upstream '{options["--upstream"]}' is not an address; give host:port, e.g. notes-production-1.2.3:8080.");
    }

    private static string Required(Dictionary<string, string> options, string name, string what) =>
        options.TryGetValue(name, out var value) && value.Length > 0 ? value : throw Bad($"{name} is required: {what}.");

    private static long Generation(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Bad($"--generation '{text}' is not a whole number (the route table's generation from 'routes').");

    private static FormatException Bad(string message) => new(message);
}
