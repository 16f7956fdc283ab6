namespace Drydock.Deploy;

/// <summary>
/// Whether a lock left by someone else may be taken over: its holder ran on this host and that process is gone (or
/// the pid now belongs to a process started at another time), or its last heartbeat (its creation when it has none)
/// is older than the lock timeout. A holder on another host is respected while it beats, since its process cannot be
/// checked from here.
/// </summary>
public static class LockStaleness
{
    /// <param name="processStartedAt">The start time of a process on this host, or null when no such process runs.</param>
    /// <returns>Why the lock is stale, or null when it must be respected.</returns>
    public static string? Decide(LockInfo info, DateTimeOffset now, string thisHost, Func<int, DateTimeOffset?> processStartedAt, TimeSpan lockTimeout)
    {
        if (string.Equals(info.Host, thisHost, StringComparison.OrdinalIgnoreCase) && info.ProcessId > 0)
        {
            var started = processStartedAt(info.ProcessId);
            if (started is null)
                return $"its holder, pid {info.ProcessId} on {info.Host}, is no longer running";
            // A pid is reused eventually: the same number with another start time is another process.
            if (info.ProcessStartedAt is { } recorded && (started.Value - recorded).Duration() > TimeSpan.FromSeconds(2))
                return $"pid {info.ProcessId} on {info.Host} is now a different process than the one that took the lock";
        }
        if (now - info.LastAlive > lockTimeout)
            return info.Heartbeat is null
                ? $"it is older than the lock timeout ({lockTimeout.TotalMinutes:0} min) and its holder never sent a heartbeat"
                : $"its holder's last heartbeat is older than the lock timeout ({lockTimeout.TotalMinutes:0} min)";
        return null;
    }
}
