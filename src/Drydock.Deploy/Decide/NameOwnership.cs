namespace Drydock.Deploy;

/// <summary>A resource found under one of an environment's engine names, with the labels it carries.</summary>
public sealed record NamedResource(string Kind, string Name, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// Pure: whether an environment may adopt what it finds under its own names. Two environments can map to one engine
/// name (<c>x</c>/<c>eu-prod</c> and <c>x-eu</c>/<c>prod</c>), and adopting the other's data volume, history or edge
/// would mix two apps' data, so a resource whose labels name another app or environment refuses the run. One without
/// owner labels was made by an older Drydock (or by docker mounting it) and is adopted, as before.
/// </summary>
public static class NameOwnership
{
    /// <summary>The refusal, naming the owner and the fix; null when every resource is this environment's or unlabelled.</summary>
    public static string? Refusal(EnvironmentId environment, IEnumerable<NamedResource> found)
    {
        foreach (var resource in found)
        {
            var app = resource.Labels.GetValueOrDefault(ReleaseLabels.App);
            var name = resource.Labels.GetValueOrDefault(ReleaseLabels.Environment);
            if (app is null && name is null)
                continue;
            if (app == environment.App && name == environment.Name)
                continue;
            return $"The {resource.Kind} {resource.Name} belongs to {app ?? "?"}/{name ?? "?"}, not to {environment}: both map to the same engine names. "
                + $"Deploy {environment} under another --environment (or --image-name), or remove {app ?? "?"}/{name ?? "?"}'s resources if it is gone. Nothing was changed.";
        }
        return null;
    }
}
