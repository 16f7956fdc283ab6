using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Registry;
using Drydock.Versioning;

namespace Drydock.Release;

/// <summary>The chain's registry and engine: what the registry holds for this version, its address and login, the docker CLI.</summary>
public sealed partial class ReleaseChain
{
    private async Task<IReadOnlyList<PushDecision>> DecideAsync(CancellationToken cancellationToken)
    {
        if (_decisions is not null)
            return _decisions;
        var version = await VersionAsync(cancellationToken);
        var tags = await TagsAsync(cancellationToken);
        var (host, repository) = SplitRepository(tags.Repository);
        using var http = RegistryHttp.Create(TimeSpan.FromSeconds(30));
        var client = new RegistryClient(http, host, Credentials, log);
        var decisions = new List<PushDecision>();
        try
        {
            foreach (var (reference, tag) in new[] { (tags.VersionReference, tags.VersionTag), (tags.CommitReference, tags.CommitTag) })
                decisions.Add(PushDecision.For(reference, await client.GetTagAsync(repository, tag, cancellationToken), version.Revision, settings.ProjectLabel));
        }
        catch (RegistryUnreachableException e)
        {
            throw new InvalidOperationException($"{e.Message} Nothing was pushed or deployed: what serves is unchanged.", e);
        }
        var refused = decisions.FirstOrDefault(d => d.Action == PushAction.Refuse);
        if (refused is not null)
            throw new InvalidOperationException(refused.Explanation);
        return _decisions = decisions;
    }

    /// <summary>The registry's address without starting anything: rollback and status only read from it.</summary>
    public string RegistryAddressOrDefault =>
        settings.Registry is { Length: > 0 } given ? RegistryAddress.Parse(given).Value : LocalRegistry.DefaultAddress;

    public RegistryCredentials? Credentials =>
        settings.RegistryUsername is { Length: > 0 } user ? new RegistryCredentials(user, settings.RegistryPassword ?? "") : null;

    private async Task<string> RegistryAsync(CancellationToken cancellationToken)
    {
        if (_registry is not null)
            return _registry;
        if (settings.Registry is { Length: > 0 } given)
            return _registry = RegistryAddress.Parse(given).Value;
        var local = await LocalRegistry.EnsureRunningAsync(new LocalRegistryOptions(Path.Combine(settings.TemporaryDirectory, "registry")), runner, log, cancellationToken);
        log.Write(LogLevel.Information, $"No --registry given: using the local registry at {local.Address}");
        return _registry = local.Address;
    }

    /// <summary>Removes the registry login of this run (<see cref="RegistryLoginDirectory"/>); called when the build ends, whatever its outcome.</summary>
    public void ForgetCredentials()
    {
        if (_docker is not null && Credentials is not null && RegistryLoginDirectory.Remove(settings.TemporaryDirectory))
            log.Write(LogLevel.Debug, "Removed this run's registry login");
    }

    /// <summary>The docker CLI with an engine that answers (started if need be), logged in when credentials were given.</summary>
    public async Task<DockerCli> DockerAsync(CancellationToken cancellationToken = default)
    {
        if (_docker is not null)
            return _docker;
        // A login goes to a config of the build's own, so it never touches the user's docker credentials.
        var docker = new DockerCli(runner)
        {
            Masker = masker,
            ConfigDirectory = Credentials is null ? null : RegistryLoginDirectory.For(settings.TemporaryDirectory),
        };
        await DockerEngine.EnsureAvailableAsync(docker, log, Path.Combine(settings.TemporaryDirectory, "dockerd.log"), cancellationToken: cancellationToken);
        if (Credentials is { } credentials)
        {
            if (RegistryLoginDirectory.Remove(settings.TemporaryDirectory))
                log.Write(LogLevel.Warning, "Removed registry credentials an interrupted run left in " + RegistryLoginDirectory.For(settings.TemporaryDirectory));
            var server = SplitRepository(await RegistryAsync(cancellationToken) + "/x").Host;
            await docker.LoginAsync(new DockerLoginSettings(server, credentials.Username, credentials.Password), cancellationToken);
        }
        return _docker = docker;
    }

    /// <summary>"ghcr.io/team/notes" → ("ghcr.io", "team/notes"): the registry API wants them apart.</summary>
    internal static (string Host, string Repository) SplitRepository(string repository)
    {
        var slash = repository.IndexOf('/');
        return (repository[..slash], repository[(slash + 1)..]);
    }
}
