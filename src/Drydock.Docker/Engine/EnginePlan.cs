namespace Drydock.Docker;

public enum EngineAction
{
    /// <summary>The engine answers: nothing to do.</summary>
    UseRunning,

    /// <summary>Start the installed dockerd in the background.</summary>
    StartDaemon,

    /// <summary>apt-get install docker.io, then start dockerd.</summary>
    InstallAndStartDaemon,

    /// <summary>Nothing Drydock may do; the message says what the user must.</summary>
    Fail,
}

/// <summary>The decision of <see cref="DockerEngine"/>, separate from carrying it out so it can be unit tested.</summary>
public sealed record EnginePlan(EngineAction Action, string? FailureMessage = null)
{
    public static EnginePlan Decide(EngineFacts facts)
    {
        if (facts.EngineAnswers)
            return new(EngineAction.UseRunning);
        if (facts.RemoteEndpoint is not null)
            return new(EngineAction.Fail,
                $"The docker engine at {facts.RemoteEndpoint} does not answer. Drydock starts only a local engine; start that one, or unset it to use the local engine.");
        if (facts.ClientInstalled && facts.DaemonInstalled)
            return new(EngineAction.StartDaemon);
        if (facts.IsRoot && facts.IsDebian)
            return new(EngineAction.InstallAndStartDaemon);
        var missing = (facts.ClientInstalled, facts.DaemonInstalled) switch
        {
            (false, false) => "Neither the docker client nor the docker engine (dockerd) is installed",
            (false, true) => "The docker client is not installed",
            _ => "The docker engine (dockerd) is not installed and none answers",
        };
        return new(EngineAction.Fail,
            $"{missing}. Install Docker (on Debian/Ubuntu: apt-get install docker.io; elsewhere Docker Engine or Docker Desktop), start it, and run the build again."
            + (facts.IsDebian ? " Drydock installs it by itself only when running as root." : string.Empty));
    }
}
