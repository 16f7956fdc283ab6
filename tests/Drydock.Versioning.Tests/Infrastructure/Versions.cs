namespace Drydock.Versioning.Tests.Infrastructure;

/// <summary>Versions as GitVersion would report them, for the pure tag tests.</summary>
public static class Versions
{
    public static GitVersionResult Git(string semVer, string preReleaseTag = "") =>
        new(
            SemVer: semVer,
            FullSemVer: semVer,
            Major: 1,
            Minor: 2,
            Patch: 1,
            PreReleaseTag: preReleaseTag,
            Sha: "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5",
            ShortSha: "1a2b3c4",
            CommitDate: new DateTimeOffset(2025, 1, 31, 9, 15, 0, TimeSpan.FromHours(2)),
            BranchName: "main",
            CommitsSinceVersionSource: 4,
            InformationalVersion: semVer + "+Branch.main.Sha.1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5",
            AssemblySemVer: "1.2.1.0");

    public static BuildVersion Clean(string semVer, string preReleaseTag = "") =>
        new(Git(semVer, preReleaseTag), WorkingTreeState.Clean);

    public static BuildVersion Dirty(string semVer, string preReleaseTag = "") =>
        new(Git(semVer, preReleaseTag), new WorkingTreeState(["src/Program.cs"], "0badc0de"));
}
