namespace Drydock.Engine.Parameters;

/// <summary>A parameter could not be read; the message names the parameter, the expected type and where the bad value came from.</summary>
public sealed class ParameterException(string message) : Exception(message);
