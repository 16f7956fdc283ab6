using System.Globalization;

namespace Drydock.Deploy;

/// <summary>What <c>./build.sh Promote</c> or <c>Rollback</c> asks of a running verification or canary window.</summary>
public enum WindowAction
{
    /// <summary>End the window now and keep the new release (the canary takes all traffic).</summary>
    Promote,

    /// <summary>End the window now by reverting to the release that served before.</summary>
    Rollback,
}

/// <summary>
/// A request to end the window of the deploy that holds the environment's lock, named by that lock's id so it never
/// reaches a later deploy. It travels as the labels of a created, never started container
/// (<see cref="EnvironmentId.WindowSignal"/>): docker creates one name once, so the first of two requests wins, and the
/// window reads it with one <c>docker inspect</c> a tick (<see cref="WindowSignals"/>).
/// </summary>
public sealed record WindowSignal(WindowAction Action, string LockId, string By, DateTimeOffset At)
{
    public const string Role = "window-signal";
    public const string ActionLabel = ReleaseLabels.Prefix + "signal.action";
    public const string LockIdLabel = ReleaseLabels.Prefix + "signal.lock-id";
    public const string ByLabel = ReleaseLabels.Prefix + "signal.by";
    public const string AtLabel = ReleaseLabels.Prefix + "signal.at";

    /// <summary>The command a person typed to send it, for messages.</summary>
    public string Command => Action == WindowAction.Promote ? "./build.sh Promote" : "./build.sh Rollback";

    public IReadOnlyDictionary<string, string> ToLabels() => new Dictionary<string, string>
    {
        [ActionLabel] = Action.ToString().ToLowerInvariant(),
        [LockIdLabel] = LockId,
        [ByLabel] = By,
        [AtLabel] = At.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>Pure: null for labels that are not a whole signal (a damaged or foreign container is no request).</summary>
    public static WindowSignal? FromLabels(IReadOnlyDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(ActionLabel, out var action) || !Enum.TryParse<WindowAction>(action, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
            || !labels.TryGetValue(LockIdLabel, out var lockId) || lockId.Length == 0)
            return null;
        var at = labels.TryGetValue(AtLabel, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : DateTimeOffset.MinValue;
        return new WindowSignal(parsed, lockId, labels.GetValueOrDefault(ByLabel) ?? "unknown", at);
    }
}
