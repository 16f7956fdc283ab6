namespace Drydock.Registry;

/// <summary>A registry username and password (or token). Never printed: <see cref="ToString"/> hides the password.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public override string ToString() => $"{Username}:*****";

    /// <summary>The <c>Authorization: Basic</c> value of these credentials.</summary>
    public System.Net.Http.Headers.AuthenticationHeaderValue BasicHeader() =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}")));
}
