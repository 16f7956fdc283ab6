using System.Globalization;

namespace Drydock.Versioning;

/// <summary>What GitVersion computed for one commit, plus the commit's date from git (GitVersion only gives the day).</summary>
public sealed record GitVersionResult(
    string SemVer,
    string FullSemVer,
    int Major,
    int Minor,
    int Patch,
    string PreReleaseTag,
    string Sha,
    string ShortSha,
    DateTimeOffset CommitDate,
    string BranchName,
    int CommitsSinceVersionSource,
    string InformationalVersion,
    string AssemblySemVer)
{
    /// <summary>
    /// The committer date in UTC as ISO-8601 (e.g. 2025-01-31T09:15:00Z), for the OCI 'created' label:
    /// taken from the commit rather than the clock, so building the same commit twice labels it the same.
    /// </summary>
    public string CommitDateUtc => CommitDate.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public bool IsPreRelease => PreReleaseTag.Length > 0;
}
