namespace Drydock.Registry;

/// <summary>A registry username and password (or token). Never printed: <see cref="ToString"/> hides the password.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public override string ToString() => $"{Username}:*****";
}
