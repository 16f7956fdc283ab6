using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Registry;
using Drydock.Versioning;

namespace Drydock.Release;

/// <summary>BuildImage with <c>--image-builder sdk</c>: the base goes to the registry once, then the SDK pushes the app on it.</summary>
public sealed partial class ReleaseChain
{
    private async Task BuildWithSdkAsync(DockerCli? docker, string baseImage, IReadOnlyDictionary<string, string> labels, BuildVersion version, CancellationToken cancellationToken)
    {
        var tags = await TagsAsync(cancellationToken);
        var toPush = (await DecideAsync(cancellationToken))
            .Where(d => d.Action == PushAction.Push)
            .Select(d => d.Reference[(tags.Repository.Length + 1)..])
            .ToArray();
        if (toPush.Length == 0)
        {
            log.Write(LogLevel.Information, "Every tag already holds this commit's image: nothing for the SDK to push");
            return;
        }
        var baseInRegistry = docker is null ? baseImage : await PushBaseOnceAsync(docker, baseImage, cancellationToken);
        await new SdkImageBuilder(settings, runner, log).BuildAndPushAsync(
            baseInRegistry, tags, toPush, labels, version.Version, version.InformationalVersion, PublishDirectory, cancellationToken);
    }

    /// <summary>The labels of an image in a registry (the SBOM reads the base's packages from them); none when it cannot be read.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RegistryLabelsAsync(string image, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(image);
        if (reference.Registry is null)
            return new Dictionary<string, string>();
        using var http = RegistryHttp.Create(TimeSpan.FromSeconds(30));
        var ours = reference.Registry == SplitRepository(await RegistryAsync(cancellationToken) + "/x").Host;
        var tag = await new RegistryClient(http, reference.Registry, ours ? Credentials : null, log).GetTagAsync(reference.Repository, reference.Digest ?? reference.Tag ?? "latest", cancellationToken);
        return tag?.Labels ?? new Dictionary<string, string>();
    }

    /// <summary>The SDK reads its base from a registry: push Drydock's base there under its own name, unless it is there already.</summary>
    private async Task<string> PushBaseOnceAsync(DockerCli docker, string baseImage, CancellationToken cancellationToken)
    {
        var registry = await RegistryAsync(cancellationToken);
        var local = ImageReference.Parse(baseImage);
        var target = $"{registry}/{local.Repository}:{local.Tag}";
        var (host, repository) = SplitRepository($"{registry}/{local.Repository}");
        using var http = RegistryHttp.Create(TimeSpan.FromSeconds(30));
        if (await new RegistryClient(http, host, Credentials, log).GetTagAsync(repository, local.Tag!, cancellationToken) is not null)
        {
            log.Write(LogLevel.Information, $"Base {target} is in the registry already");
            return target;
        }
        await docker.TagAsync(baseImage, target, cancellationToken);
        await docker.PushAsync(target, cancellationToken);
        log.Write(LogLevel.Information, $"Pushed base {target} to the registry (once: later builds find it there)");
        return target;
    }
}
