namespace Drydock.Deploy;

/// <summary>
/// Remove <see cref="Environment"/>: its releases, edge, network, lock and window signal. Its data and history volumes
/// stay unless <see cref="DeleteData"/> is set and <see cref="Confirm"/> names the environment
/// (<see cref="RemovalConfirmation"/>). <see cref="Config"/> says the platform and the lock timeout.
/// </summary>
public sealed record RemoveRequest(string App)
{
    public string Environment { get; init; } = EnvironmentId.DefaultName;

    private readonly EnvironmentId? _id;

    /// <summary>The environment, with its names in the form the engine resolved (<see cref="EnvironmentNaming"/>) once that is set.</summary>
    public EnvironmentId Id
    {
        get => EnvironmentId.Of(App, Environment, _id);
        init => _id = value;
    }

    public bool DeleteData { get; init; }

    public string? Confirm { get; init; }

    public EnvironmentConfig Config { get; init; } = new();
}

/// <summary>What a removal took away and kept; <see cref="Summary"/> says both, and how to delete what was kept.</summary>
public sealed record RemoveResult(RemovalPlan Plan, string Summary)
{
    public bool NothingThere => Plan.NothingThere;
}
