namespace Drydock.DotNet.Packages;

public enum PackagePushAction
{
    /// <summary>The feed lacks this version: push it.</summary>
    Push,

    /// <summary>The feed holds this version from the same commit: nothing to do.</summary>
    AlreadyPublished,

    /// <summary>The feed holds this version from another commit (or from an unknown one): a version names one package, never two.</summary>
    Refuse,
}

/// <summary>Packages are immutable like images: whether a packed package may go to a feed, decided from what the feed already holds.</summary>
public sealed record PackagePushDecision(PackageFile Package, PackagePushAction Action, string Explanation)
{
    /// <param name="published">The same id and version on the feed, or null when the feed lacks it.</param>
    public static PackagePushDecision For(PackageFile package, PackageFile? published)
    {
        var name = $"{package.Id} {package.Version}";
        if (published is null)
            return new(package, PackagePushAction.Push, $"{name}: not on the feed, pushing");
        if (package.Commit is not null && published.Commit == package.Commit)
            return new(package, PackagePushAction.AlreadyPublished, $"{name}: already on the feed from this commit");
        return new(package, PackagePushAction.Refuse,
            $"{name} is already on the feed from {(published.Commit is { } c ? "commit " + c[..Math.Min(7, c.Length)] : "an unknown commit")}, "
            + $"not this one ({package.Commit?[..Math.Min(7, package.Commit.Length)] ?? "unknown"}): a version is never replaced. Commit (GitVersion gives the next version) and run Pack again.");
    }
}
