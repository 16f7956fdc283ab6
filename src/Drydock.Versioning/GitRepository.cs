using Drydock.Engine.Tooling;

namespace Drydock.Versioning;

/// <summary>
/// A git checkout that has been checked to be versionable: inside a work tree, with at least one commit, and not shallow.
/// Checked up front because GitVersion's own failures are stack traces, and on a shallow clone it silently
/// computes a wrong version (it cannot see the tags) instead of failing.
/// </summary>
public sealed record GitRepository(string Root, string HeadSha, string? BranchName)
{
    public bool IsDetached => BranchName is null;

    public static async Task<GitRepository> OpenAsync(IToolRunner runner, string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
            throw new VersioningException($"Cannot version '{directory}': the directory does not exist.");

        var toplevel = await runner.RunAsync(Git.Query(directory, "rev-parse", "--show-toplevel"), cancellationToken);
        if (!toplevel.Succeeded)
            throw new VersioningException(toplevel.Error.Contains("not a git repository", StringComparison.OrdinalIgnoreCase)
                ? $"'{directory}' is not inside a git repository. Drydock computes versions from git history and tags: "
                  + "run the build from a clone (or 'git init' and commit)."
                : $"git cannot open the repository at '{directory}': {toplevel.Error.Trim()}");
        var root = toplevel.Output.Trim();

        var head = await runner.RunAsync(Git.Query(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"), cancellationToken);
        if (!head.Succeeded)
            throw new VersioningException(
                $"The git repository at '{root}' has no commits yet, so there is nothing to version. Commit first (and tag a release, e.g. 'git tag v0.1.0').");

        var shallow = await Git.RunAsync(runner, Git.Query(root, "rev-parse", "--is-shallow-repository"), cancellationToken);
        if (shallow.Output.Trim() == "true")
            throw new VersioningException($"The git repository at '{root}' is a shallow clone. {CheckoutAdvice.FullHistory}");

        // symbolic-ref fails (exit 1) exactly when HEAD is detached, as CI checkouts of a commit are.
        var branch = await runner.RunAsync(Git.Query(root, "symbolic-ref", "--quiet", "--short", "HEAD"), cancellationToken);
        return new GitRepository(root, head.Output.Trim(), branch.Succeeded ? branch.Output.Trim() : null);
    }
}
