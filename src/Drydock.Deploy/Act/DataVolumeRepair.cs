using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Makes an existing data volume writable for the new release before it starts: a one-shot
/// container of the edge image (the one image Drydock builds on every engine; apps have no shell or chown) checks, as the
/// release's user, that every entry is writable; if not, a second one, root with CAP_CHOWN only and no network, gives the
/// entries to that user in place (ownership only; no data is read, moved or removed) and the check runs again. What was
/// changed is said in the log and returned for the release's history record.
/// </summary>
public sealed class DataVolumeRepair(DeployContext context, EdgeStrategyOptions? edge)
{
    private const string Mount = "/data-owner";

    /// <returns>What was changed, or null when the release could already write everything.</returns>
    public async Task<string?> EnsureWritableAsync(string volume, string user, CancellationToken cancellationToken)
    {
        var log = context.Log;
        if (DataVolumeOwnership.Owner(user) is not { } owner)
        {
            log.Write(LogLevel.Warning, $"The release runs as '{user}', a name rather than a number: Drydock cannot tell whether it can write the data volume {volume}. Give the image a numeric USER.");
            return null;
        }
        if (edge is null)
        {
            log.Write(LogLevel.Warning, $"The data volume {volume} was written by a release running as another user and the edge image is not available to check it; if the release cannot write /data, run: {FixCommand(volume, owner)}");
            return null;
        }
        var image = await EdgeImage.EnsureAsync(context.Containers.Docker, log, new EdgeImageSource(edge.RepositoryRoot),
            edge.WorkDirectory ?? Path.Combine(edge.RepositoryRoot, ".nuke", "temp"), edge.BaseImage, cancellationToken);
        var check = await RunAsync(image, volume, $"{owner.Uid}:{owner.Gid}", [], ["check", Mount], cancellationToken);
        if (check.ExitCode == 0)
            return null;
        if (check.ExitCode != 3)
            throw new DeployException($"Could not check the data volume {volume} (exit code {check.ExitCode}): {check.Error}{check.Output}. Nothing was changed.");

        var blocked = check.StandardOutput.LastOrDefault(l => l.Length > 0) ?? "some entries not writable";
        log.Write(LogLevel.Warning, $"The data volume {volume} holds files user {owner.Uid} cannot write ({blocked}; left by a release that ran as another user, e.g. root): giving them to {owner.Uid}:{owner.Gid} in place with a one-shot container of {image} (chown only; no data is moved)");
        var fix = await RunAsync(image, volume, "0:0", ["CHOWN", "DAC_READ_SEARCH"], ["fix", Mount, $"{owner.Uid}:{owner.Gid}"], cancellationToken);
        var again = fix.ExitCode == 0 ? await RunAsync(image, volume, $"{owner.Uid}:{owner.Gid}", [], ["check", Mount], cancellationToken) : fix;
        if (again.ExitCode != 0)
            throw new DeployException($"The data volume {volume} is still not writable by user {owner.Uid} ({again.Error}{again.Output}); the release was not started. Fix it by hand: {FixCommand(volume, owner)}");
        var message = $"data volume {volume}: {blocked.Replace(" not writable", string.Empty)} given to {owner.Uid}:{owner.Gid} (written by a release running as another user)";
        log.Write(LogLevel.Information, $"Fixed the ownership of the {message}");
        return message;
    }

    private Task<Drydock.Engine.Tooling.ToolResult> RunAsync(string image, string volume, string user, IReadOnlyList<string> capabilities, IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        context.Containers.Docker.RunToCompletionAsync(new DockerRunSettings(image)
        {
            Remove = true,
            User = user,
            Entrypoint = "/app/Drydock.Edge",
            Command = [DataOwnerVerb, .. command],
            Volumes = [new VolumeMount(volume, Mount)],
            Network = "none",
            ReadOnly = true,
            CapDrop = ["ALL"],
            CapAdd = capabilities,
            SecurityOpt = ["no-new-privileges"],
            Pull = "never",
        }, throwOnError: false, cancellationToken);

    /// <summary>Drydock.Edge's <c>data-owner</c> verb (Cli/DataOwnerCli.cs in the edge).</summary>
    private const string DataOwnerVerb = "data-owner";

    /// <summary>The same fix by hand, for when Drydock cannot run it: any image with a chown does.</summary>
    public static string FixCommand(string volume, (uint Uid, uint Gid) owner) =>
        $"docker run --rm -v {volume}:/data busybox chown -R {owner.Uid}:{owner.Gid} /data";
}
