using System.Globalization;

namespace Drydock.Deploy;

/// <summary>Who holds an environment's deploy lock, read from the lock container's labels.</summary>
public sealed record LockInfo(string Holder, string Host, int ProcessId, DateTimeOffset? ProcessStartedAt, DateTimeOffset Since, string Operation, string LockId)
{
    public const string HolderLabel = ReleaseLabels.Prefix + "lock.holder";
    public const string HostLabel = ReleaseLabels.Prefix + "lock.host";
    public const string PidLabel = ReleaseLabels.Prefix + "lock.pid";
    public const string PidStartedLabel = ReleaseLabels.Prefix + "lock.pid-started";
    public const string SinceLabel = ReleaseLabels.Prefix + "lock.since";
    public const string OperationLabel = ReleaseLabels.Prefix + "lock.operation";
    public const string IdLabel = ReleaseLabels.Prefix + "lock.id";

    /// <summary>The holder's last heartbeat (<see cref="LockHeartbeat"/>), when read; not a label, since labels cannot change.</summary>
    public DateTimeOffset? Heartbeat { get; init; }

    /// <summary>When the holder was last known alive.</summary>
    public DateTimeOffset LastAlive => Heartbeat is { } beat && beat > Since ? beat : Since;

    public IReadOnlyDictionary<string, string> ToLabels()
    {
        var labels = new Dictionary<string, string>
        {
            [HolderLabel] = Holder,
            [HostLabel] = Host,
            [PidLabel] = ProcessId.ToString(CultureInfo.InvariantCulture),
            [SinceLabel] = Since.ToString("O", CultureInfo.InvariantCulture),
            [OperationLabel] = Operation,
            [IdLabel] = LockId,
        };
        if (ProcessStartedAt is { } started)
            labels[PidStartedLabel] = started.ToString("O", CultureInfo.InvariantCulture);
        return labels;
    }

    public static LockInfo FromLabels(IReadOnlyDictionary<string, string> labels, DateTimeOffset created)
    {
        string Get(string key) => labels.TryGetValue(key, out var value) ? value : string.Empty;
        static DateTimeOffset? Time(string text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
        return new LockInfo(
            Get(HolderLabel) is { Length: > 0 } holder ? holder : "unknown",
            Get(HostLabel),
            int.TryParse(Get(PidLabel), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0,
            Time(Get(PidStartedLabel)),
            Time(Get(SinceLabel)) ?? created,
            Get(OperationLabel),
            Get(IdLabel));
    }

    public string Describe(DateTimeOffset now) =>
        $"{Holder} (pid {ProcessId} on {Host}{(Operation.Length > 0 ? ", " + Operation : "")}) since {Since:yyyy-MM-dd HH:mm:ss} UTC ({Format(now - Since)} ago)";

    private static string Format(TimeSpan age) =>
        age.TotalHours >= 1 ? $"{(int)age.TotalHours}h{age.Minutes:00}m" : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m{age.Seconds:00}s" : $"{Math.Max(0, (int)age.TotalSeconds)}s";
}
