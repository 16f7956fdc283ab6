namespace Drydock.Docker;

/// <summary>What was found out about the docker engine and this machine before deciding what to do.</summary>
public sealed record EngineFacts(
    bool EngineAnswers,
    bool ClientInstalled,
    bool DaemonInstalled,
    bool IsRoot,
    bool IsDebian,
    string? RemoteEndpoint);
