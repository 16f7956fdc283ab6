using System.Text.RegularExpressions;

namespace Drydock.Versioning;

/// <summary>
/// An image repository name without registry or tag ('drydock.service', 'team/drydock.service'), validated
/// against the OCI distribution grammar: lowercase alphanumeric components joined by '.', '_', '__' or dashes.
/// </summary>
public sealed partial record ImageName
{
    private const int MaxLength = 255;

    private ImageName(string value) => Value = value;

    public string Value { get; }

    public static ImageName Parse(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new VersioningException("The image name is empty. Pass --image-name, e.g. 'my-service'.");
        if (name.Contains(':') || name.Contains('@'))
            throw new VersioningException(
                $"Image name '{name}' contains a registry port, a tag or a digest. Give the registry separately (--registry) "
                + "and no tag: Drydock computes the immutable tags itself.");
        if (name.Length > MaxLength)
            throw new VersioningException($"Image name '{name}' is {name.Length} characters long; the limit is {MaxLength}.");
        if (!Grammar().IsMatch(name))
            throw new VersioningException(
                $"Image name '{name}' is not valid: use lowercase letters, digits, and '.', '_' or '-' between them "
                + $"(components separated by '/'). Try '{Suggest(name)}' (--image-name).");
        return new ImageName(name);
    }

    /// <summary>The default for a service: its project file's name, lower-cased ('src/Drydock.Service/Drydock.Service.csproj' gives 'drydock.service').</summary>
    public static ImageName FromProjectFile(string projectPath) =>
        Parse(Path.GetFileNameWithoutExtension(projectPath).ToLowerInvariant());

    public override string ToString() => Value;

    // Lower-case, anything else becomes '-', runs of separators collapse: a name the grammar accepts.
    private static string Suggest(string name)
    {
        var components = name.ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(component => Separators().Replace(Invalid().Replace(component, "-"), match => match.Value[..1]).Trim('-', '.', '_'))
            .Where(component => component.Length > 0)
            .ToList();
        return components.Count > 0 ? string.Join('/', components) : "my-service";
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Grammar();

    [GeneratedRegex("[^a-z0-9._-]")]
    private static partial Regex Invalid();

    [GeneratedRegex("[._-]{2,}")]
    private static partial Regex Separators();
}
