using System.Text.Json;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// This assembly's entry point, used only by the kill -9 test: <c>dotnet Drydock.Deploy.IntegrationTests.dll deploy
/// &lt;request.json&gt;</c> runs one deploy in a process of its own that the test can kill at any step. Test runners load
/// the assembly as a library and never call it.
/// </summary>
public static class HarnessProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["deploy", var requestPath])
        {
            Console.Error.WriteLine("usage: deploy <request.json>");
            return 2;
        }
        var request = JsonSerializer.Deserialize<DeployRequest>(await File.ReadAllTextAsync(requestPath), DeployJson.Options)!;
        var masker = new SecretMasker();
        var log = new ConsoleBuildLog(masker, Verbosity.Verbose, Console.Out);
        var docker = new Drydock.Docker.DockerCli(new ProcessToolRunner(log, masker)) { Masker = masker };
        try
        {
            var edge = new EdgeStrategyOptions(RepositoryRoot.Path) { WorkDirectory = RepositoryRoot.Temp() };
            var result = await new ReleaseManager(docker, log, new ReleaseManagerOptions { Edge = edge }).DeployAsync(request);
            Console.WriteLine($"deployed {result.Release.Version} in {result.Container}");
            return 0;
        }
        catch (DeployException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    public static async Task WriteRequestAsync(string path, DeployRequest request) =>
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(request, DeployJson.Options));
}
