namespace Drydock.Docker;

/// <summary>What Drydock recorded when it created or last updated a service: the spec it means to be running.</summary>
public sealed record RecordedServiceSpec(string Name, string Image)
{
    public int? Replicas { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>One difference between the recorded spec and the live one, readable as it stands.</summary>
public sealed record SpecDifference(string Field, string Recorded, string Live)
{
    public override string ToString() => $"{Field}: recorded {Recorded}, live {Live}";
}

/// <summary>
/// A service spec changed outside Drydock (<c>docker service update</c> by hand): image digest, environment, labels and
/// replicas compared with what Drydock recorded. Pure: both sides were read before.
/// </summary>
public static class ServiceSpecDrift
{
    public static IReadOnlyList<SpecDifference> Detect(RecordedServiceSpec recorded, SwarmService live)
    {
        var differences = new List<SpecDifference>();
        if (!SameImage(recorded.Image, live.Image))
            differences.Add(new SpecDifference("image", recorded.Image, live.Image));
        if (recorded.Replicas != live.Replicas)
            differences.Add(new SpecDifference("replicas", Show(recorded.Replicas), Show(live.Replicas)));
        differences.AddRange(Compare("env", recorded.Environment, live.Environment, showValues: false));
        differences.AddRange(Compare("label", recorded.Labels, live.Labels, showValues: true));
        return differences;
    }

    /// <summary>
    /// Docker may rewrite an image reference (a <c>docker.io/library/</c> prefix, a tag kept beside the digest); what
    /// matters is the digest when both have one, else the whole reference.
    /// </summary>
    public static bool SameImage(string recorded, string live)
    {
        var a = Digest(recorded);
        var b = Digest(live);
        return a is not null && b is not null ? a == b : string.Equals(recorded, live, StringComparison.Ordinal);
    }

    private static string? Digest(string reference) => reference.IndexOf("@sha256:", StringComparison.Ordinal) is var at and >= 0 ? reference[(at + 1)..] : null;

    // Environment values may be secrets: a difference names the variable, never its values.
    private static IEnumerable<SpecDifference> Compare(string field, IReadOnlyDictionary<string, string> recorded, IReadOnlyDictionary<string, string> live, bool showValues)
    {
        foreach (var key in recorded.Keys.Union(live.Keys).Order(StringComparer.Ordinal))
        {
            var had = recorded.TryGetValue(key, out var before);
            var has = live.TryGetValue(key, out var now);
            if (had && has && before == now)
                continue;
            var show = (bool present, string? value) => !present ? "absent" : showValues ? value! : "set";
            yield return had && has && !showValues
                ? new SpecDifference($"{field} {key}", "one value", "another value")
                : new SpecDifference($"{field} {key}", show(had, before), show(has, now));
        }
    }

    private static string Show(int? replicas) => replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "global";
}
