namespace Drydock.Edge.Contract;

/// <summary>
/// The edge's access line: one log event per forwarded request. Its names are the keys of the JSON console's
/// <c>State</c> object, which a cluster's verification window reads from <c>docker service logs</c> (its edges have no
/// admin port to ask for metrics), so they are part of the contract.
/// </summary>
public static class AccessLine
{
    public const string Template = "{Method} {Path} {Status} {Release} {DurationMs:0.0}ms";

    public const string Method = "Method";

    public const string Status = "Status";

    public const string DurationMs = "DurationMs";
}
