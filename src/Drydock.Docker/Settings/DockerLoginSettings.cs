namespace Drydock.Docker;

/// <summary>
/// <c>docker login --password-stdin</c>. The password is deliberately not part of <see cref="ToArguments"/>:
/// <see cref="DockerCli.LoginAsync"/> sends it on standard input, where no other process can read it.
/// </summary>
public sealed record DockerLoginSettings(string Server, string Username, string Password) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["login", "--username", Username, "--password-stdin", Server];

    // Records print their members; this one must not print the password.
    public override string ToString() => $"docker login --username {Username} --password-stdin {Server}";
}
