// EdgeDirect: bench/zero-downtime.sh's stand-in deployer (see EdgeDirect.csproj). Loopback only, labelled, removable.
//   EdgeDirect image                                         build (if missing) and print the edge image
//   EdgeDirect base                                          resolve (offline if need be) and print the base image
//   EdgeDirect up       --app A --env E --port P             network, state volume and edge for A/E on 127.0.0.1:P
//   EdgeDirect deploy   --app A --env E --image I --version V [--env-var K=V]... [--deploy-timeout S] [--drain-timeout S]
//   EdgeDirect rollback --app A --env E                      back to the newest stopped release
//   EdgeDirect status   --app A --env E                      the edge's route table as JSON
//   EdgeDirect down     --app A --env E                      remove releases, edge, network and volumes of A/E
using System.Globalization;
using System.Text.Json;
using Drydock.Docker;
using Drydock.Edge.Client;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using EdgeDirect;

var masker = new SecretMasker();
var log = new ConsoleBuildLog(masker, Environment.GetEnvironmentVariable("EDGE_DIRECT_VERBOSE") == "1" ? Verbosity.Verbose : Verbosity.Normal, Console.Error);
var docker = new DockerCli(new ProcessToolRunner(log, masker)) { Masker = masker };
var root = RepositoryRoot();
var work = Path.Combine(root, ".nuke", "temp");
string Get(string name) => Option(name) ?? throw new ArgumentException($"{name} is required");
string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
TimeSpan Seconds(string name, double fallback) => TimeSpan.FromSeconds(Option(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback);

try
{
    switch (args.FirstOrDefault())
    {
        case "image":
            Console.WriteLine(await EdgeImage.EnsureAsync(docker, log, new EdgeImageSource(root), work));
            return 0;
        case "base":
            Console.WriteLine((await BaseImage.EnsureAsync(docker, log, Path.Combine(work, "base-image"))).Reference);
            return 0;
        case "up":
        {
            var image = await EdgeImage.EnsureAsync(docker, log, new EdgeImageSource(root), work);
            var spec = new EdgeContainerSpec(Get("--app"), Get("--env"), image, int.Parse(Get("--port"), CultureInfo.InvariantCulture)) { Bind = Option("--bind") ?? "127.0.0.1" };
            var edge = await new EdgeProvisioner(docker, log).EnsureAsync(spec, TimeSpan.FromSeconds(30));
            Console.WriteLine(edge.AdminAddress);
            return 0;
        }
        case "deploy":
        {
            var variables = args.Select((a, i) => (a, i)).Where(p => p.a == "--env-var" && p.i + 1 < args.Length).Select(p => args[p.i + 1].Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
            var releases = new Releases(docker, log, Get("--app"), Get("--env")) { DeployTimeout = Seconds("--deploy-timeout", 60), DrainTimeout = Seconds("--drain-timeout", 30) };
            return await releases.DeployAsync(Get("--image"), Get("--version"), variables, CancellationToken.None);
        }
        case "rollback":
        {
            var releases = new Releases(docker, log, Get("--app"), Get("--env")) { DeployTimeout = Seconds("--deploy-timeout", 60), DrainTimeout = Seconds("--drain-timeout", 30) };
            return await releases.RollbackAsync(CancellationToken.None);
        }
        case "status":
        {
            using var client = new EdgeAdminClient(await new EdgeProvisioner(docker, log).AdminAddressAsync(Get("--app"), Get("--env")));
            Console.WriteLine(JsonSerializer.Serialize(await client.GetRoutesAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            return 0;
        }
        case "down":
        {
            var (app, environment) = (Get("--app"), Get("--env"));
            var releases = await docker.PsAsync(new DockerPsSettings { All = true, LabelFilters = [$"{BenchLabels.App}={app}", $"{BenchLabels.Environment}={environment}", $"{BenchLabels.Bench}=1"] });
            if (releases.Count > 0)
                await docker.RemoveContainersAsync(new DockerRmSettings(releases.Select(r => r.Id).ToArray()) { Force = true });
            await new EdgeProvisioner(docker, log).RemoveAsync(app, environment, removeState: true);
            await docker.ExecuteAsync(new DockerVolumeRmSettings(Releases.DataVolume(app, environment)), throwOnError: false, echoOutput: false);
            return 0;
        }
        default:
            Console.Error.WriteLine("usage: EdgeDirect image | up | deploy | rollback | status | down (see Program.cs)");
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or ToolFailedException or TimeoutException or EdgeAdminException)
{
    log.Write(LogLevel.Error, e.Message);
    return 1;
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        if (File.Exists(Path.Combine(directory.FullName, "global.json")) && Directory.Exists(Path.Combine(directory.FullName, "src", "Drydock.Edge")))
            return directory.FullName;
    throw new InvalidOperationException("Run EdgeDirect inside a Drydock checkout (it builds the edge from src/Drydock.Edge).");
}
