using System.Globalization;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// The holder's sign of life: a small file it copies into its own lock container (by id, so never into another run's
/// lock) at <see cref="Interval"/>. Labels cannot change, and re-creating the lock would open a gap another run could
/// take; one <c>docker cp</c> a minute costs nothing next to a deploy.
/// </summary>
public static class LockHeartbeat
{
    public const string Path = "/heartbeat";

    /// <summary>Well below the timeout (a fifth of it), and at least once a minute.</summary>
    public static TimeSpan Interval(TimeSpan lockTimeout) =>
        TimeSpan.FromTicks(Math.Clamp(lockTimeout.Ticks / 5, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromMinutes(1).Ticks));

    public static async Task WriteAsync(EnvironmentContainers containers, string lockId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("drydock-lock-");
        try
        {
            var file = System.IO.Path.Combine(directory.FullName, "heartbeat");
            await File.WriteAllTextAsync(file, now.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
            await containers.Docker.ExecuteAsync(new DockerCpSettings(file, $"{lockId}:{Path}"), echoOutput: false, cancellationToken: cancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The last heartbeat, or null when the holder has written none yet (or is an older Drydock): then its creation counts.</summary>
    public static async Task<DateTimeOffset?> ReadAsync(EnvironmentContainers containers, string lockId, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("drydock-lock-");
        try
        {
            var result = await containers.Docker.ExecuteAsync(new DockerCpSettings($"{lockId}:{Path}", directory.FullName), throwOnError: false, echoOutput: false, cancellationToken);
            var file = System.IO.Path.Combine(directory.FullName, "heartbeat");
            if (result.Succeeded && File.Exists(file))
                return DateTimeOffset.TryParse(await File.ReadAllTextAsync(file, cancellationToken), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            // Unreadable is not "none": judging a live holder by its creation time alone could take its lock.
            if (result.StandardError.Any(line => line.Contains("Could not find the file", StringComparison.OrdinalIgnoreCase) || line.Contains("No such container", StringComparison.Ordinal)))
                return null;
            throw new DeployException($"Could not read the heartbeat of the deploy lock {lockId}: {result.Error}. Nothing was changed; run again.");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
