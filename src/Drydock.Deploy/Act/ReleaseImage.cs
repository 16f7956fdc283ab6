using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>The image a release runs: on the engine (pulled by digest when missing), and never one that runs as root.</summary>
public static class ReleaseImage
{
    /// <summary>The local image id of <c>repository@digest</c>; refuses images that run as root, changing nothing.</summary>
    public static async Task<string> EnsureAsync(DockerCli docker, IBuildLog log, ReleaseSpec spec, CancellationToken cancellationToken)
    {
        var reference = spec.ImageReference;
        var image = await docker.InspectImageAsync(reference, cancellationToken);
        if (image is null)
        {
            log.Write(LogLevel.Information, $"The engine does not have {reference}; pulling it by digest");
            if (!await docker.TryPullAsync(reference, cancellationToken))
                throw new DeployException($"Could not pull {reference}; nothing was changed. Is the registry reachable and the image pushed?");
            image = await docker.InspectImageAsync(reference, cancellationToken)
                ?? throw new DeployException($"{reference} was pulled but the engine does not show it.");
        }
        var user = spec.Config.User ?? image.User;
        if (IsRoot(user))
            throw new DeployException(
                $"{reference} would run as root (USER '{user}'). Set a non-root USER in the Dockerfile, or 'user' in the environment configuration. Nothing was changed.");
        return image.Id;
    }

    public static bool IsRoot(string user)
    {
        var name = user.Split(':')[0].Trim();
        return name.Length == 0 || name == "root" || name == "0";
    }
}
