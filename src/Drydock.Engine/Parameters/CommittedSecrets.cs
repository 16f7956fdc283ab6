using Drydock.Engine.Tooling;

namespace Drydock.Engine.Parameters;

/// <summary>
/// A [Secret] read from a parameters file git tracks: everyone who can read the repository (and its history) can read
/// the value, so the run says so, naming the file and the fix. An untracked (or ignored) file is the runner's own.
/// </summary>
public static class CommittedSecrets
{
    public static string Warning(ParameterMember secret, string file) =>
        $"{secret.CommandLineName} is set in {file}, which git tracks: anyone who can read the repository can read it. " +
        $"Remove it from the file, rotate it (it stays in the git history) and set {secret.EnvironmentName} in the runner's " +
        "environment instead (a CI secret), or keep it in a parameters file git ignores.";

    /// <summary>Whether git tracks <paramref name="path"/>; false outside a repository or without git.</summary>
    public static bool TrackedByGit(IToolRunner tools, string root, string path) =>
        tools.RunAsync(new ToolCommand("git", "ls-files", "--error-unmatch", "--", path) { WorkingDirectory = root, EchoOutput = false, ThrowOnError = false })
            .GetAwaiter().GetResult().Succeeded;
}
