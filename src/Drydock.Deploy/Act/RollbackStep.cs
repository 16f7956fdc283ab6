namespace Drydock.Deploy;

/// <summary>The rollback's choice from the snapshot, asking the registry only for a version the environment never ran.</summary>
public static class RollbackStep
{
    /// <summary>
    /// <see cref="RollbackTargetSelector"/> on the snapshot; the registry is asked only for a version the environment itself
    /// does not know: a rollback to a release that served here does not wait for it (nor fail when it is down).
    /// </summary>
    public static Task<RollbackChoice> ChooseAsync(EnvironmentSnapshot snapshot, RollbackRequest request, IReleaseTags? tags, CancellationToken cancellationToken) =>
        ChooseAsync((listed, available) => RollbackTargetSelector.Choose(request.Environment, request.ToVersion, snapshot.Serving?.Recorded, snapshot.Retained, snapshot.History, listed, available),
            request, tags, cancellationToken);

    /// <summary>The same for any platform: <paramref name="choose"/> is its selector over its snapshot, given the registry's tags and whether it answered.</summary>
    public static async Task<RollbackChoice> ChooseAsync(Func<IReadOnlyList<string>, bool, RollbackChoice> choose, RollbackRequest request, IReleaseTags? tags, CancellationToken cancellationToken)
    {
        var choice = choose([], false);
        if (choice is not RollbackChoice.Unknown || request.Repository is null || tags is null)
            return choice;
        return choose(await tags.ListAsync(request.Repository, cancellationToken), true);
    }

    /// <summary>A version only the registry has: its digest from the tag, with today's configuration.</summary>
    public static async Task<ReleaseSpec> FromRegistryAsync(RollbackRequest request, string version, IReleaseTags tags, CancellationToken cancellationToken)
    {
        var tagged = await tags.FindAsync(request.Repository!, version, cancellationToken)
            ?? throw new DeployException($"{version} is not in {request.Repository} and was never deployed to {request.Environment}. Nothing was changed.");
        return new ReleaseSpec(request.App, request.Environment, request.Repository!, tagged.Digest, version) { Commit = tagged.Commit, Config = request.Config };
    }

    public static string Describe(RollbackSource source) => source switch
    {
        RollbackSource.RetainedContainer => "retained container's recorded configuration",
        RollbackSource.History => "history's recorded configuration",
        _ => "registry, with today's configuration",
    };
}
