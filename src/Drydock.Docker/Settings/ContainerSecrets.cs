namespace Drydock.Docker;

/// <summary>
/// Secret variables for a container without a file and without a value on any command line: docker is given
/// <c>--env NAME</c> (the name alone), and the docker CLI process gets <c>NAME=value</c> in its own environment, from
/// which docker takes the value. Nothing is written anywhere, so nothing is left behind on any exit path, a SIGKILL
/// included. <see cref="ToString"/> names the variables only, so logging a settings record never shows a value.
/// </summary>
public sealed class ContainerSecrets(IReadOnlyDictionary<string, string> values)
{
    public static readonly ContainerSecrets None = new(new Dictionary<string, string>());

    public IReadOnlyList<string> Names { get; } = values.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>For the docker CLI process's environment only.</summary>
    public IReadOnlyDictionary<string, string?> ProcessEnvironment { get; } = values.ToDictionary(p => p.Key, p => (string?)p.Value);

    public override string ToString() => Names.Count == 0 ? "no secrets" : $"secrets {string.Join(", ", Names)} (values hidden)";
}
