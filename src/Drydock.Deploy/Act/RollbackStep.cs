namespace Drydock.Deploy;

/// <summary>The rollback's choice from the snapshot, asking the registry only for a version the environment never ran.</summary>
public static class RollbackStep
{
    /// <summary>
    /// <see cref="RollbackTargetSelector"/> on any platform's state; the registry is asked only for a version the
    /// environment itself does not know: a rollback to a release that served here does not wait for it (nor fail when it is down).
    /// </summary>
    public static async Task<RollbackChoice> ChooseAsync(IReleaseState state, RollbackRequest request, IReleaseTags? tags, CancellationToken cancellationToken)
    {
        var choice = Choose(state, request.ToVersion, [], false);
        if (choice is not RollbackChoice.Unknown || request.Repository is null || tags is null)
            return choice;
        return Choose(state, request.ToVersion, await tags.ListAsync(request.Repository, cancellationToken), true);
    }

    /// <summary>Pure: the previous release, else <paramref name="toVersion"/>, from a retained release, the history or the registry's tags.</summary>
    public static RollbackChoice Choose(IReleaseState state, string? toVersion, IReadOnlyList<string> registryTags, bool registryAvailable) =>
        RollbackTargetSelector.Choose(state.Id.Name, toVersion, state.ServingRecord, state.RetainedRecords, state.History, registryTags, registryAvailable);

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
