namespace Drydock.Deploy;

/// <summary>A release that now serves its environment.</summary>
public sealed record DeployResult(ReleaseSpec Release, string Container, TimeSpan Duration)
{
    /// <summary>Old container stopping → new one answering on the real port; null when nothing served before.</summary>
    public TimeSpan? SwapGap { get; init; }

    /// <summary>The release it replaced, if any.</summary>
    public string? ReplacedVersion { get; init; }

    public Uri? Endpoint { get; init; }

    public ReleaseAction Action { get; init; } = ReleaseAction.Deploy;

    /// <summary>The same digest and configuration already served, the way the strategy leaves it: nothing was changed or recorded.</summary>
    public bool Unchanged { get; init; }

    /// <summary>The verification window's verdict after the switch (passed or quiet); null when none ran.</summary>
    public VerificationVerdict? Verification { get; init; }
}

/// <summary>A rollback: <see cref="Deploy"/> when it happened, else <see cref="Message"/> says why nothing changed.</summary>
public sealed record RollbackResult(bool RolledBack, string Message)
{
    public DeployResult? Deploy { get; init; }

    public RollbackSource? Source { get; init; }
}
