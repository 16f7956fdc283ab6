namespace Drydock.Registry;

/// <summary>htpasswd lines in the bcrypt form the registry accepts, made in .NET so no htpasswd binary is needed.</summary>
public static class Htpasswd
{
    public static string Line(RegistryCredentials credentials, int workFactor = 10)
    {
        if (credentials.Username.Contains(':'))
            throw new ArgumentException("An htpasswd username cannot contain ':'.", nameof(credentials));
        return $"{credentials.Username}:{BCrypt.Net.BCrypt.HashPassword(credentials.Password, workFactor)}";
    }

    public static bool Verify(string line, string password)
    {
        var colon = line.IndexOf(':');
        return colon > 0 && BCrypt.Net.BCrypt.Verify(password, line[(colon + 1)..].Trim());
    }
}
