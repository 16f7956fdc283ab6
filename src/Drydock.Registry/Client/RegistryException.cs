namespace Drydock.Registry;

/// <summary>The registry answered something Drydock cannot use.</summary>
public class RegistryException(string message) : Exception(message);
