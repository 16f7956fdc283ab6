namespace Drydock.Deploy;

public enum RollbackSource
{
    /// <summary>A retained (stopped) release container: its labels hold the exact configuration.</summary>
    RetainedContainer,

    /// <summary>A successful release in the environment's history (configuration recorded there).</summary>
    History,

    /// <summary>Only the registry still has it: the digest comes from the tag, the configuration is today's.</summary>
    Registry,
}

/// <summary>What a rollback goes back to, or why it goes nowhere.</summary>
public abstract record RollbackChoice
{
    private RollbackChoice() { }

    /// <summary>Recreate this release (fresh container from its digest and recorded configuration).</summary>
    public sealed record Target(ReleaseSpec Spec, RollbackSource Source) : RollbackChoice;

    /// <summary>Only the registry knows the version: resolve its tag to a digest and deploy it with today's configuration.</summary>
    public sealed record FromRegistry(string Version) : RollbackChoice;

    /// <summary>Nothing to roll back to; nothing is changed.</summary>
    public sealed record Nothing(string Message) : RollbackChoice;

    /// <summary>The requested version is known nowhere.</summary>
    public sealed record Unknown(string Message) : RollbackChoice;
}
