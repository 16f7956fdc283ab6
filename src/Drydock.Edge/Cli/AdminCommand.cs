using Drydock.Edge.Contract;

namespace Drydock.Edge.Cli;

/// <summary>One <c>Drydock.Edge admin …</c> command, parsed (see <see cref="AdminCommandLine"/>).</summary>
public abstract record AdminCommand
{
    public sealed record Help : AdminCommand;

    public sealed record Health : AdminCommand;

    public sealed record Routes : AdminCommand;

    public sealed record Switch(RouteChange Change) : AdminCommand;

    public sealed record HealthCheck(UpstreamHealthRequest Request) : AdminCommand;

    public sealed record Drain(string Upstream, TimeSpan Timeout) : AdminCommand;

    public sealed record Metrics(bool Prometheus) : AdminCommand;

    public sealed record SetCandidate(CandidateChange Change) : AdminCommand;

    public sealed record ClearCandidate : AdminCommand;

    public sealed record SetCanary(CanaryChange Change) : AdminCommand;

    public sealed record ClearCanary : AdminCommand;

    /// <summary>One admin request as it is (the <c>host …</c> commands, <see cref="HostCommandLine"/>); <see cref="LongRunning"/>: waits for issuance.</summary>
    public sealed record HostRequest(HttpMethod Method, string Path, object? Body) : AdminCommand
    {
        public bool LongRunning { get; init; }
    }

    /// <summary>One admin request as is: what a client whose transport is <c>docker exec</c> sends.</summary>
    public sealed record RawRequest(string Method, string Path) : AdminCommand;
}

/// <summary>A parsed command line: the command and the socket it talks to (null: the environment's default).</summary>
public sealed record AdminInvocation(AdminCommand Command, string? Socket);
