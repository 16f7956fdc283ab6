namespace Drydock.Deploy;

/// <summary>A deploy, rollback or check that cannot go on; the message says why and what is left running.</summary>
public class DeployException(string message, Exception? inner = null) : Exception(message, inner);
