namespace Drydock.Registry;

/// <summary>The registry answered something Drydock cannot use.</summary>
public class RegistryException : Exception
{
    public RegistryException(string message) : base(message)
    {
    }

    public RegistryException(string message, Exception inner) : base(message, inner)
    {
    }
}
