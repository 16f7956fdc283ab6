namespace Drydock.Release;

/// <summary>The release chain's inputs, straight from the build's parameters.</summary>
public sealed record ReleaseSettings(string RootDirectory, string Project)
{
    public string Configuration { get; init; } = "Release";
    public string? ImageName { get; init; }

    /// <summary>null: the local registry on 127.0.0.1:5000, started when nothing answers there.</summary>
    public string? Registry { get; init; }

    public string? RegistryUsername { get; init; }
    public string? RegistryPassword { get; init; }
    public string? BaseImage { get; init; }
    public bool AllowDirty { get; init; }
    public string HealthPath { get; init; } = "/health/ready";

    /// <summary>False (the default): framework-dependent on the ASP.NET base, so a release ships only the app's own files.</summary>
    public bool SelfContained { get; init; }

    /// <summary>The target framework to publish (<c>--framework</c>); null: the project's newest.</summary>
    public string? Framework { get; init; }

    public ImageBuilderKind ImageBuilder { get; init; } = ImageBuilderKind.Docker;

    /// <summary>What in these settings cannot work together, with the fix; null when nothing.</summary>
    public string? Conflict => ImageBuilder == ImageBuilderKind.Sdk && SelfContained
        ? "--image-builder sdk publishes framework-dependent on the ASP.NET base, so it cannot take --self-contained: leave one of them out."
        : null;

    public string ProjectPath => Path.GetFullPath(Path.Combine(RootDirectory, Project));
    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");
    public string TemporaryDirectory => Path.Combine(RootDirectory, ".nuke", "temp");
    public string ImageManifestPath => Path.Combine(ArtifactsDirectory, "image.json");

    /// <summary>The project as the <c>dev.drydock.project</c> label names it: relative to the root, with forward slashes.</summary>
    public string ProjectLabel => Path.GetRelativePath(RootDirectory, ProjectPath).Replace('\\', '/');
}
