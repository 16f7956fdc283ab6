namespace Drydock.Deploy;

/// <summary>How releases of an environment take over from each other; see <see cref="IDeployStrategy"/>.</summary>
public enum DeployStrategyKind
{
    /// <summary>Zero downtime: an edge per environment holds the port and switches its route (<see cref="EdgeStrategy"/>).</summary>
    Edge,

    /// <summary>The release publishes the port itself: stop-first swap, about a second unanswered (<see cref="ReplaceStrategy"/>).</summary>
    Replace,
}
