using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>Everything labelled with one environment, as one listing under its lock found it.</summary>
public sealed record EnvironmentListing(
    IReadOnlyList<ContainerState> Containers, IReadOnlyList<SwarmService> Services, IReadOnlyList<string> Networks, IReadOnlyList<VolumeSummary> Volumes)
{
    public static EnvironmentListing Empty { get; } = new([], [], [], []);
}

/// <summary>
/// What <c>Remove</c> takes away and what it keeps, decided from a listing alone. The data and state (history) volumes
/// are kept unless data is to be deleted; everything else labelled with the environment goes, except the lock this run
/// holds (released last) and swarm task containers (they go with their services).
/// </summary>
public sealed record RemovalPlan(
    IReadOnlyList<string> Containers, IReadOnlyList<string> Services, IReadOnlyList<string> Networks, IReadOnlyList<string> Volumes, IReadOnlyList<string> KeptVolumes)
{
    /// <summary>The volume roles that hold what the environment's users wrote or what happened to it: kept by default.</summary>
    public static readonly IReadOnlySet<string> DataRoles = new HashSet<string>(StringComparer.Ordinal) { "data", "state" };

    public bool NothingThere => Containers.Count == 0 && Services.Count == 0 && Networks.Count == 0 && Volumes.Count == 0;

    public static RemovalPlan Decide(EnvironmentListing listing, bool deleteData)
    {
        var containers = listing.Containers
            .Where(c => !ReleaseLabels.HasRole(c.Labels, ContainerRole.Lock) && c.Labels.GetValueOrDefault(ReleaseLabels.Role) != ClusterNames.TaskRole)
            .Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var kept = listing.Volumes.Where(v => !deleteData && DataRoles.Contains(v.Labels.GetValueOrDefault(ReleaseLabels.Role) ?? "")).Select(v => v.Name).ToHashSet();
        return new RemovalPlan(
            containers,
            [.. listing.Services.Select(s => s.Name).Order(StringComparer.Ordinal)],
            [.. listing.Networks.Distinct().Order(StringComparer.Ordinal)],
            [.. listing.Volumes.Select(v => v.Name).Where(v => !kept.Contains(v)).Order(StringComparer.Ordinal)],
            [.. kept.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The run's summary: what went, what stayed and how to delete it.</summary>
    public string Describe(RemoveRequest request)
    {
        var lines = new List<string>();
        if (NothingThere)
            lines.Add($"Nothing of {request.Id} was there to remove.");
        else
        {
            lines.Add($"Removed {request.Id}:");
            lines.AddRange(Section("containers", Containers).Concat(Section("services", Services)).Concat(Section("networks", Networks)).Concat(Section("volumes", Volumes)));
        }
        if (KeptVolumes.Count > 0)
            lines.Add($"Kept its data: volumes {string.Join(", ", KeptVolumes)}. To delete them too: ./build.sh Remove --environment {request.Environment} --delete-data --confirm {RemovalConfirmation.Expected(request.Id)}");
        return string.Join(System.Environment.NewLine, lines);
    }

    private static IEnumerable<string> Section(string what, IReadOnlyList<string> names) =>
        names.Count == 0 ? [] : [$"  {what}: {string.Join(", ", names)}"];
}

/// <summary>Deleting data is asked twice: <c>--delete-data</c> and the environment's own name after <c>--confirm</c>.</summary>
public static class RemovalConfirmation
{
    /// <summary><c>notes-pr-42</c>: what <c>--confirm</c> must say.</summary>
    public static string Expected(EnvironmentId id) => $"{id.App}-{id.Name}";

    /// <summary>Pure: why the removal is refused before anything changes; null when it may go ahead.</summary>
    public static string? Refusal(RemoveRequest request)
    {
        if (!request.DeleteData)
            return null;
        var (id, expected) = (request.Id, Expected(request.Id));
        if (request.Config.Platform == DeployPlatform.Swarm)
            return $"--delete-data is refused on a swarm: the data volumes live on each node a task ran on, which the manager cannot remove safely. "
                + $"Remove {id} without it, then run docker volume rm {id.DataVolume} on each node. Nothing was changed.";
        if (string.IsNullOrEmpty(request.Confirm))
            return $"--delete-data deletes the data and history of {id} for good: add --confirm {expected} to say so. Nothing was changed.";
        return request.Confirm == expected ? null
            : $"--confirm {request.Confirm} does not name this environment: type --confirm {expected} to delete the data and history of {id}. Nothing was changed.";
    }
}
