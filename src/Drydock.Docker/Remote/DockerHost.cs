using System.Text.RegularExpressions;

namespace Drydock.Docker;

/// <summary>
/// Which engine the build talks to: the local one (DOCKER_HOST and the current context keep working), a server over
/// SSH (<c>ssh://user@host:port</c>), or a named Docker context. Parsed once from the environment's file, --host or DRYDOCK_HOST.
/// </summary>
public abstract partial record DockerHost
{
    private DockerHost() { }

    /// <summary>The engine the docker CLI finds by itself (DOCKER_HOST, DOCKER_CONTEXT or the current context).</summary>
    public sealed record Local : DockerHost
    {
        public override string ToString() => "local";
    }

    /// <summary>A server reached over SSH; its engine is used through one tunnel per run.</summary>
    public sealed record Ssh(SshTarget Target) : DockerHost
    {
        public override string ToString() => Target.ToString();
    }

    /// <summary>A context made with <c>docker context create</c>; the docker CLI resolves it.</summary>
    public sealed record Context(string Name) : DockerHost
    {
        public override string ToString() => Name;
    }

    public static DockerHost LocalEngine { get; } = new Local();

    /// <summary>Parses a host setting; throws <see cref="DockerHostFormatException"/> naming the accepted forms.</summary>
    public static DockerHost Parse(string? value)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Equals("local", StringComparison.OrdinalIgnoreCase))
            return LocalEngine;
        if (text.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
            return new Ssh(SshTarget.Parse(text));
        if (text.Contains("://", StringComparison.Ordinal))
            throw new DockerHostFormatException(text,
                $"only ssh:// hosts are supported. For a tcp:// or unix:// engine set DOCKER_HOST and leave the host out, or create a context (docker context create NAME --docker host={text}) and give its name.");
        if (text.Contains('@', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal))
            throw new DockerHostFormatException(text, $"a server needs the ssh:// scheme: ssh://{text}");
        if (!ContextName().IsMatch(text))
            throw new DockerHostFormatException(text, "a Docker context name has only letters, digits and _ . + - (and starts with a letter or digit).");
        return new Context(text);
    }

    // The rule docker itself applies to context names.
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$")]
    private static partial Regex ContextName();
}

/// <summary>A host setting that is none of the accepted forms; says which forms are accepted.</summary>
public sealed partial class DockerHostFormatException(string value, string reason)
    : ArgumentException($"Host '{Redact(value)}' is not valid: {reason} Accepted: ssh://user@host[:port], a Docker context name, or nothing for the local engine.")
{
    /// <summary>The setting as given, with any password in it replaced by ***.</summary>
    public string Value { get; } = Redact(value);

    // ssh://user:secret@host → ssh://user:***@host: a password typed into the host never reaches a log.
    private static string Redact(string value) => UserPassword().Replace(value, "$1:***@");

    [GeneratedRegex("(://[^/@:]*):[^@/]*@")]
    private static partial Regex UserPassword();
}
