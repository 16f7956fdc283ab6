using Drydock.Engine.Tooling;

namespace Drydock.Versioning;

/// <summary>
/// The one call a build target makes: checks the checkout, refuses a dirty tree unless allowed, runs GitVersion
/// and returns the version to tag and label the image with. Every failure is a VersioningException saying what to change.
/// </summary>
public sealed class VersionResolver(IToolRunner runner, GitVersionLocator? locator = null)
{
    public async Task<BuildVersion> ResolveAsync(string directory, bool allowDirty, CancellationToken cancellationToken = default)
    {
        var repository = await GitRepository.OpenAsync(runner, directory, cancellationToken);
        // The working tree first: refusing a dirty tree is cheaper than running GitVersion.
        var workingTree = await WorkingTreeState.ReadAsync(runner, repository, cancellationToken);
        workingTree.EnsureBuildable(allowDirty);
        var version = await new GitVersionRunner(runner, locator).RunAsync(repository, cancellationToken);
        return new BuildVersion(version, workingTree);
    }

    /// <summary>
    /// Only the working tree's part of <see cref="ResolveAsync"/>, with its message: for a build's requirement check, so
    /// a dirty tree is refused before Compile and Test rather than at the first target that needs the version.
    /// </summary>
    public async Task EnsureBuildableAsync(string directory, bool allowDirty, CancellationToken cancellationToken = default)
    {
        var repository = await GitRepository.OpenAsync(runner, directory, cancellationToken);
        (await WorkingTreeState.ReadAsync(runner, repository, cancellationToken)).EnsureBuildable(allowDirty);
    }
}
