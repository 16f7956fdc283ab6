namespace Drydock.Registry;

/// <summary>The registry refused or could not authenticate a request. Messages never contain secrets.</summary>
public sealed class RegistryAuthenticationException(string message) : RegistryException(message);
