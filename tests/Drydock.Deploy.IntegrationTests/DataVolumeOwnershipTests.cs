using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using Drydock.Docker;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// An EXISTING, non-empty data volume owned by root, as an older image that ran as root left it, mounted for a release
/// running as 1654: the deploy makes it writable first, so Notes creates its SQLite file there instead of restarting
/// until the deploy times out. Real engine, real Notes image, the real edge binary as the helper. Port 21010;
/// app named rel3….
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class DataVolumeOwnershipTests(DeployFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_volume_an_older_root_release_filled_is_given_to_the_release_user_before_it_starts_and_nothing_is_lost()
    {
        await using var env = new TestEnvironment(fixture, output, app: "rel3" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), port: 21010);
        var volume = env.Id.DataVolume;
        var seed = $"{env.App}-seed";
        var local = Directory.CreateTempSubdirectory("rel3-old-data-").FullName;
        try
        {
            // As docker left it when an older release (running as root) mounted it: no Drydock labels, root-owned files.
            await env.Docker.CreateVolumeAsync(new DockerVolumeCreateSettings(volume));
            await HolderImage.EnsureAsync(env.Docker, env.Log, CancellationToken.None);
            await env.Docker.ExecuteAsync(new DockerCreateSettings(HolderImage.Container(seed, new Dictionary<string, string>(), [new VolumeMount(volume, "/data")])));
            Directory.CreateDirectory(Path.Combine(local, "attachments"));
            await File.WriteAllTextAsync(Path.Combine(local, "old-notes.txt"), "written by 0.9, which ran as root");
            await File.WriteAllBytesAsync(Path.Combine(local, "attachments", "a.bin"), [1, 2, 3]);
            // -a: owned by the container's user, root, whoever runs this test.
            await env.Docker.ExecuteAsync(new DockerCpSettings($"{local}/.", $"{seed}:/data/") { Archive = true });
            var before = await EntriesAsync(seed);
            Assert.All(before.Values, entry => Assert.Equal(0, entry.Uid));

            var result = await env.Manager().DeployAsync(env.Request(fixture.V1));

            Assert.False(result.Unchanged);
            Assert.Contains(env.Log.Lines, l => l.Contains($"The data volume {volume} holds files user 1654 cannot write", StringComparison.Ordinal));
            await env.Notes.AddAsync("written by the release running as 1654");
            Assert.Contains("written by the release running as 1654", await env.Notes.TextsAsync());
            var after = await EntriesAsync(seed);
            Assert.All(after.Values, entry => Assert.Equal((1654, 1654), (entry.Uid, entry.Gid)));
            Assert.Equal("written by 0.9, which ran as root", after["data/old-notes.txt"].Text);
            Assert.Equal("\u0001\u0002\u0003", after["data/attachments/a.bin"].Text);
            Assert.Contains(after.Keys, k => k.StartsWith("data/notes.db", StringComparison.Ordinal));
            var record = (await env.Manager().HistoryAsync(env.Id)).Last();
            Assert.Contains($"data volume {volume}: 4 entries given to 1654:1654", record.Message);

            // The next release of the same user: nothing to look at, nothing said.
            await env.Manager().DeployAsync(env.Request(fixture.V2));
            Assert.Single(env.Log.Lines, l => l.Contains("holds files user 1654 cannot write", StringComparison.Ordinal));
            Assert.Contains("written by the release running as 1654", await env.Notes.TextsAsync());
        }
        finally
        {
            Directory.Delete(local, recursive: true);
            await env.Docker.ExecuteAsync(new DockerRmSettings([seed]) { Force = true }, throwOnError: false);
            await env.DisposeAsync();
            await env.Docker.ExecuteAsync(new DockerVolumeRmSettings([volume]) { Force = true }, throwOnError: false);
        }
    }

    /// <summary>Every entry under /data as docker cp streams it (a tar): owner, and the text of small files.</summary>
    private static async Task<Dictionary<string, (int Uid, int Gid, string? Text)>> EntriesAsync(string container)
    {
        var start = new ProcessStartInfo("docker", ["cp", $"{container}:/data", "-"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var entries = new Dictionary<string, (int, int, string?)>();
        using (var tar = new TarReader(process.StandardOutput.BaseStream))
        {
            while (await tar.GetNextEntryAsync(copyData: true) is { } entry)
            {
                string? text = null;
                if (entry.DataStream is { } data)
                    text = await new StreamReader(data).ReadToEndAsync();
                entries[entry.Name.TrimEnd('/')] = (entry.Uid, entry.Gid, text);
            }
        }
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return entries;
    }
}
