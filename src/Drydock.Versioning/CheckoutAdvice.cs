namespace Drydock.Versioning;

/// <summary>The fixes for CI checkouts GitVersion cannot version, worded once so every message gives the same advice.</summary>
internal static class CheckoutAdvice
{
    public const string FullHistory =
        "GitVersion needs the full history and tags. Clone without --depth, or fix the CI checkout: "
        + "GitHub Actions: actions/checkout with 'fetch-depth: 0'; "
        + "GitLab CI: variables: GIT_DEPTH: 0; "
        + "Azure Pipelines: checkout: self with 'fetchDepth: 0'; "
        + "an existing clone: 'git fetch --unshallow --tags'.";

    public const string DetachedHead =
        "Locally: switch to the branch you mean to build ('git switch main') or check out a release tag. "
        + "On CI: GitVersion takes the branch from the build server's variables (GITHUB_REF on GitHub Actions, CI_COMMIT_REF_NAME on GitLab, "
        + "BUILD_SOURCEBRANCH on Azure Pipelines) when the clone has its full history and exactly one remote: "
        + "actions/checkout with 'fetch-depth: 0', or 'GIT_DEPTH: 0' on GitLab.";
}
