namespace Drydock.Deploy;

/// <summary>
/// Roll <see cref="Environment"/> back to the previous release, or to <see cref="ToVersion"/>. <see cref="Repository"/>
/// lets a version no longer retained on the engine be found in the registry (by tag); <see cref="Config"/> is used
/// for such a release (others keep the configuration they were recorded with) and for its timeouts.
/// </summary>
public sealed record RollbackRequest(string App)
{
    public string Environment { get; init; } = EnvironmentId.DefaultName;

    private readonly EnvironmentId? _id;

    /// <summary>The environment, with its names in the form the engine resolved (<see cref="EnvironmentNaming"/>) once that is set.</summary>
    public EnvironmentId Id
    {
        get => EnvironmentId.Of(App, Environment, _id);
        init => _id = value;
    }

    public string? ToVersion { get; init; }

    public string? Repository { get; init; }

    public EnvironmentConfig Config { get; init; } = new();
}
