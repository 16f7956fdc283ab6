namespace Drydock.Docker;

/// <summary>An SSH server: <c>ssh://user@host:port</c>. The user is optional (ssh's default then applies); port 22 by default.</summary>
public sealed record SshTarget(string? User, string Host, int Port = SshTarget.DefaultPort)
{
    public const int DefaultPort = 22;

    /// <summary>What ssh takes as its destination argument: <c>user@host</c> or <c>host</c>.</summary>
    public string Destination => User is null ? Host : $"{User}@{Host}";

    /// <summary>How known_hosts names this server: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
    public string KnownHostsName => Port == DefaultPort ? Host : $"[{Host}]:{Port}";

    public override string ToString() =>
        $"ssh://{(User is null ? string.Empty : User + "@")}{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>Parses <c>ssh://[user@]host[:port]</c>; anything more (password, path, query) is refused with the reason.</summary>
    public static SshTarget Parse(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !uri.Scheme.Equals("ssh", StringComparison.OrdinalIgnoreCase))
            throw new DockerHostFormatException(value, "it is not a valid ssh:// address.");
        if (uri.UserInfo.Contains(':', StringComparison.Ordinal))
            throw new DockerHostFormatException(value, "it contains a password. Passwords are never taken on a command line or in a file: use an SSH key (ssh-agent, or the key path setting).");
        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new DockerHostFormatException(value, "an ssh:// host has no path, query or fragment.");
        var host = uri.IdnHost.Trim('[', ']');
        if (host.Length == 0 || host.StartsWith('-'))
            throw new DockerHostFormatException(value, "it names no server.");
        var user = Uri.UnescapeDataString(uri.UserInfo);
        if (user.StartsWith('-') || user.Any(char.IsWhiteSpace))
            throw new DockerHostFormatException(value, $"'{user}' is not a user name.");
        return new SshTarget(user.Length == 0 ? null : user, host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
    }
}
