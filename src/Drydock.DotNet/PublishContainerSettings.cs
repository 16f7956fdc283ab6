namespace Drydock.DotNet;

/// <summary>
/// The SDK container builder's inputs, rendered as <c>dotnet publish … -t:PublishContainer</c> arguments. The image
/// gets the same base, tags, user and labels as a <c>docker build</c> of the same release.
/// </summary>
public sealed record PublishContainerSettings(
    string Project,
    string Configuration,
    string Output,
    string Version,
    string InformationalVersion,
    string BaseImage,
    string Registry,
    string Repository,
    IReadOnlyList<string> Tags,
    string LabelsTargetsFile)
{
    public int User { get; init; } = 1654;

    /// <summary>Registries reached over plain HTTP (the local one); the SDK otherwise insists on HTTPS.</summary>
    public string? InsecureRegistries { get; init; }

    public IEnumerable<string> Arguments()
    {
        yield return "publish";
        yield return Project;
        foreach (var argument in new[] { "--nologo", "-c", Configuration, "-r", "linux-x64", "--self-contained", "false", "-o", Output, "-t:PublishContainer" })
            yield return argument;
        yield return $"-p:Version={Version}";
        yield return $"-p:InformationalVersion={InformationalVersion}";
        yield return $"-p:ContainerBaseImage={BaseImage}";
        yield return $"-p:ContainerRegistry={Registry}";
        yield return $"-p:ContainerRepository={Repository}";
        // A semicolon list must be quoted for MSBuild, or it would read the second tag as a new property.
        yield return $"-p:ContainerImageTags=\"{string.Join(';', Tags)}\"";
        yield return $"-p:ContainerUser={User}";
        yield return "-p:ContainerWorkingDirectory=/app/";
        yield return $"-p:CustomAfterMicrosoftCommonTargets={LabelsTargetsFile}";
    }
}
