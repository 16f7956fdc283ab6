namespace Drydock.Deploy;

/// <summary>
/// What keeps serving when a rollout step fails before the switch, decided once per rollout and rendered into every
/// message of that rollout, e.g. "notes-local-1.0.0-ab12cd still serves local".
/// </summary>
public sealed record StillServing(string What)
{
    public static readonly StillServing NothingBefore = new("nothing served before");

    /// <param name="serving">The container serving when the run read the environment; null: none.</param>
    public static StillServing Before(string? serving, string environment) =>
        serving is null ? NothingBefore : new($"{serving} still serves {environment}");

    /// <summary>The end of a failure before the edge switched: "the edge never routed to it and …".</summary>
    public string NeverRouted => $"the edge never routed to it and {What}";

    public override string ToString() => What;
}
