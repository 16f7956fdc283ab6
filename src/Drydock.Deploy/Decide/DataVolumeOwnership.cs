namespace Drydock.Deploy;

/// <summary>
/// Pure: whether a deploy must look at who owns the data volume's files before the new release starts.
/// Docker seeds a NEW volume from the image's /data, ownership included, so a fresh volume is always the
/// image user's; an existing non-empty one keeps whatever an older release wrote, e.g. root-owned files of an image that
/// ran as root, which a release running as 1654 cannot write. Looking costs a one-shot container, so only when a release
/// that mounts the volume ran as another user, or none does (a volume of unknown past).
/// </summary>
public static class DataVolumeOwnership
{
    /// <param name="user">The new release's user (<c>--user</c> or the image's USER): <c>1654</c>, <c>1654:1654</c>, or a name.</param>
    /// <param name="volumeCreatedNow">The deploy created the volume just now: Docker seeds it from the image.</param>
    /// <param name="releaseUsers">The users of the release containers that mount the volume (serving and retained).</param>
    public static bool NeedsCheck(string user, bool volumeCreatedNow, IReadOnlyCollection<string> releaseUsers) =>
        !volumeCreatedNow && Owner(user) is not { Uid: 0 }
        && (releaseUsers.Count == 0 || releaseUsers.Any(other => !Same(user, other)));

    /// <summary>The same user: the same number, or (for names, which only the image can resolve) the same name.</summary>
    private static bool Same(string user, string other) =>
        Owner(user) is { } a && Owner(other) is { } b ? a.Uid == b.Uid : user.Trim() == other.Trim();

    /// <summary>The numeric owner files should have for this user; the group is the user's own number unless it names one. Null for a name.</summary>
    public static (uint Uid, uint Gid)? Owner(string user)
    {
        var parts = user.Trim().Split(':');
        if (parts[0].Length == 0)
            return (0, 0); // no USER: root
        if (!uint.TryParse(parts[0], out var uid))
            return null;
        return parts.Length > 1 && uint.TryParse(parts[1], out var gid) ? (uid, gid) : (uid, uid);
    }
}
