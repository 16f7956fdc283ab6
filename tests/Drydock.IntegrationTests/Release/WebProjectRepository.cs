using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.IntegrationTests.Release;

/// <summary>
/// A git repository holding a plain `dotnet new web` project with no Dockerfile (plus an endpoint that keeps state in
/// DATA_DIR, as an app with a SQLite file there would), a second web project and a class library, committed and
/// tagged v1.0.0: any project a team might point Drydock at. Made once per test class, deleted afterwards.
/// </summary>
public sealed class WebProjectRepository : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "drydock-web-" + Guid.NewGuid().ToString("N")[..8]);

    public string Project => "src/Hello/Hello.csproj";

    /// <summary>Another web app of the same commit.</summary>
    public string OtherProject => "src/Other/Other.csproj";

    /// <summary>A class library: nothing to run, so it must never ship.</summary>
    public string LibraryProject => "src/Lib/Lib.csproj";

    public string Commit { get; private set; } = "";

    /// <summary>POST /state appends to DATA_DIR/state.txt and answers its length: 500 when the volume is not writable.</summary>
    private const string HelloProgram = """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/", () => "Hello World!");
        app.MapPost("/state", () =>
        {
            var file = Path.Combine(Environment.GetEnvironmentVariable("DATA_DIR") ?? "/data", "state.txt");
            File.AppendAllText(file, "x");
            return File.ReadAllText(file).Length;
        });
        app.Run();
        """;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var runner = new ProcessToolRunner(new CapturingBuildLog(), new SecretMasker());
        async Task Run(string file, params string[] args) =>
            await runner.RunAsync(new ToolCommand(file, args) { WorkingDirectory = Root, EchoOutput = false });

        await Run("dotnet", "new", "web", "-n", "Hello", "-o", "src/Hello", "--no-restore");
        await File.WriteAllTextAsync(Path.Combine(Root, "src", "Hello", "Program.cs"), HelloProgram);
        await Run("dotnet", "new", "web", "-n", "Other", "-o", "src/Other", "--no-restore");
        await Run("dotnet", "new", "classlib", "-n", "Lib", "-o", "src/Lib", "--no-restore");
        await File.WriteAllTextAsync(Path.Combine(Root, ".gitignore"), "bin/\nobj/\nartifacts/\n.nuke/\n");
        await Run("git", "init", "-q", "-b", "main");
        await Run("git", "-c", "user.name=Drydock Test", "-c", "user.email=test@drydock.invalid", "add", "-A");
        await Run("git", "-c", "user.name=Drydock Test", "-c", "user.email=test@drydock.invalid", "commit", "-q", "-m", "A web app");
        await Run("git", "tag", "v1.0.0");
        Commit = (await runner.RunAsync(new ToolCommand("git", "rev-parse", "HEAD") { WorkingDirectory = Root, EchoOutput = false })).Output.Trim();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
