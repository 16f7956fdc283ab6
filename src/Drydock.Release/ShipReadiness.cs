namespace Drydock.Release;

/// <summary>
/// Whether a run can ship, asked cheapest first, while the build is planned. The runtime (one MSBuild evaluation) is
/// asked only when this commit's image is still to be built: a published one already carries its runtime.
/// </summary>
public static class ShipReadiness
{
    /// <summary>The first reason the run cannot ship; null when it can.</summary>
    public static string? Refusal(string? conflict, Func<string?> notAWebApp, Func<bool> alreadyPublished, Func<string?> runtimeRefusal) =>
        conflict ?? notAWebApp() ?? (alreadyPublished() ? null : runtimeRefusal());
}
