using Drydock.Build.Setup;
using Drydock.Engine.Output;
using Drydock.Engine.Parameters;
using Drydock.Engine.Planning;
using Drydock.Engine.Targets;
using Drydock.Engine.Tooling;

partial class Build
{
    [Parameter("Setup: the repository to add Drydock's build to, e.g. ../my-service")]
    readonly string? Into;

    [Parameter("Setup: the Drydock.Build version to reference (default: the one Pack wrote to artifacts/packages, which build/nuget.config then points at)")]
    readonly string? PackageVersion;

    Target Setup => _ => _
        .Description("Add Drydock's build to another repository (--into): build/, build.sh, build.ps1, .nuke/, CI; never overwrites a file")
        .Requires(() => Into)
        .Executes(async ct =>
        {
            var root = Path.GetFullPath(Into!, RootDirectory);
            var inputs = new SetupInputs(
                PackageVersion ?? PackedVersion() ?? throw new PlanningException("Nothing was written: no Drydock.Build package in artifacts/packages. Run ./build.sh Pack first, or pass --package-version of one on your feeds."),
                PackageVersion is null ? PackagesDirectory : null,
                await File.ReadAllTextAsync(Path.Combine(RootDirectory, "build.sh"), ct),
                await File.ReadAllTextAsync(Path.Combine(RootDirectory, "build.ps1"), ct),
                await File.ReadAllTextAsync(Path.Combine(RootDirectory, "global.json"), ct));
            var candidates = SetupFiles.For(new WebProject("", null), inputs with { LocalFeed = "" }).Select(f => f.Path);
            var snapshot = RepositorySnapshot.Read(root, candidates, path => IgnoredByGit(root, path));
            var plan = SetupPlan.Decide(snapshot, inputs);
            if (plan.Refusal is { } refusal)
                throw new PlanningException(refusal);

            SetupWriter.Write(root, plan.Files);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(Path.Combine(root, "build.sh"), File.GetUnixFileMode(Path.Combine(RootDirectory, "build.sh")));
            Log.Information($"Added {plan.Files.Count} files to {root}: {string.Join(", ", plan.Files.Select(f => f.Path))}");
            foreach (var note in plan.Notes)
                Log.Information(note);
            Log.Information($"Next, in {root}:\n  " + string.Join("\n  ", plan.NextCommands));
        });

    /// <summary>The version of the Drydock.Build package Pack wrote, or null when there is none.</summary>
    string? PackedVersion() =>
        Directory.Exists(PackagesDirectory)
            ? Directory.EnumerateFiles(PackagesDirectory, "Drydock.Build.*.nupkg").Select(Path.GetFileNameWithoutExtension)
                .Select(name => name!["Drydock.Build.".Length..]).Where(v => char.IsDigit(v[0])).FirstOrDefault()
            : null;

    bool IgnoredByGit(string root, string path) =>
        Tools.RunAsync(new ToolCommand("git", "check-ignore", "-q", "--no-index", path) { WorkingDirectory = root, EchoOutput = false, ThrowOnError = false })
            .GetAwaiter().GetResult().ExitCode == 0;
}
