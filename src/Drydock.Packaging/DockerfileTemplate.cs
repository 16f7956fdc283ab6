using System.Text.RegularExpressions;

namespace Drydock.Packaging;

/// <summary>
/// Renders build/Templates/Dockerfile.template for an ASP.NET Core project that has no Dockerfile. The inputs are
/// checked rather than escaped: they land inside a JSON exec array and a quoted label, where a stray quote would
/// silently produce a different Dockerfile.
/// </summary>
public static partial class DockerfileTemplate
{
    private const string ResourceName = "Drydock.Packaging.Dockerfile.template";

    /// <summary>The Dockerfile text; the version, revision, source and date are build args, so the text is the same for every build.</summary>
    /// <param name="assemblyName">The published apphost's name (the project's AssemblyName), run as /app/&lt;name&gt;.</param>
    /// <param name="healthPath">The HTTP path Drydock probes after deploying, e.g. '/healthz'.</param>
    public static string Render(string assemblyName, string healthPath)
    {
        if (!AssemblyNameGrammar().IsMatch(assemblyName))
            throw new ArgumentException(
                $"Assembly name '{assemblyName}' cannot be an entrypoint: use letters, digits, '.', '_' and '-' only.", nameof(assemblyName));
        if (!HealthPathGrammar().IsMatch(healthPath))
            throw new ArgumentException(
                $"Health path '{healthPath}' is not a plain URL path: it must start with '/' and hold no spaces, quotes, '$' or backslashes, e.g. '/healthz'.",
                nameof(healthPath));

        return Template()
            .Replace("{{ASSEMBLY_NAME}}", assemblyName, StringComparison.Ordinal)
            .Replace("{{HEALTH_PATH}}", healthPath, StringComparison.Ordinal);
    }

    private static string Template()
    {
        using var stream = typeof(DockerfileTemplate).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Drydock.Packaging was built without its embedded {ResourceName}.");
        using var reader = new StreamReader(stream);
        // Normalized so the output does not depend on how git checked the template out.
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex AssemblyNameGrammar();

    // RFC 3986 path and query characters, less '$' (a Dockerfile would expand it as a variable).
    [GeneratedRegex(@"^/[A-Za-z0-9\-._~!&'()*+,;=:@/%?]*$")]
    private static partial Regex HealthPathGrammar();
}
