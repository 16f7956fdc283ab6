namespace Drydock.Deploy;

/// <summary>What one tick of a verification or canary window decides.</summary>
public abstract record WindowStep
{
    public sealed record Continue : WindowStep;

    /// <summary>Keep the new release: switch the canary to all traffic (or, after a plain switch, retire the old one).</summary>
    public sealed record Promote(VerificationVerdict Verdict) : WindowStep;

    /// <summary>Back to the release that served before, at once.</summary>
    public sealed record Revert(VerificationVerdict Verdict) : WindowStep;
}

/// <summary>
/// Pure: one tick of the window, from the verdict on the traffic so far and the signal container as read (null: none).
/// A failed verdict reverts whatever was asked (a release that fails is never promoted, not even by hand); then a signal
/// of this deploy's lock ends the window as asked; then a final verdict (passed or quiet) promotes. A signal naming
/// another lock was left by an earlier run and is ignored.
/// </summary>
public static class WindowDecision
{
    public static WindowStep Decide(VerificationVerdict verdict, WindowSignal? signal, string? lockId)
    {
        if (verdict is VerificationVerdict.Failed)
            return new WindowStep.Revert(verdict);
        if (signal is not null && lockId is not null && signal.LockId == lockId)
        {
            var ended = new VerificationVerdict.EndedEarly(verdict.Window, verdict.Baseline, signal) { BaselineLabel = verdict.BaselineLabel };
            return signal.Action == WindowAction.Promote ? new WindowStep.Promote(ended) : new WindowStep.Revert(ended);
        }
        return verdict.Final ? new WindowStep.Promote(verdict) : new WindowStep.Continue();
    }
}
