namespace Drydock.Release;

/// <summary>What builds and pushes the image.</summary>
public enum ImageBuilderKind
{
    /// <summary><c>docker build</c> with the project's Dockerfile (or the generated one), then <c>docker push</c>.</summary>
    Docker,

    /// <summary>The SDK's container builder (<c>dotnet publish -t:PublishContainer</c>): no Docker daemon, straight to the registry.</summary>
    Sdk,
}
