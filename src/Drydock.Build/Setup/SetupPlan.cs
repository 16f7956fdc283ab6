namespace Drydock.Build.Setup;

/// <summary>A file Setup writes, relative to the repository root (forward slashes).</summary>
public sealed record PlannedFile(string Path, string Content)
{
    /// <summary>The file exists and is written whole again (a .gitignore Setup extends); every other file must not exist yet.</summary>
    public bool Replaces { get; init; }
}

/// <summary>What Setup carries from Drydock into the repository: the package to reference and the files copied as they are.</summary>
/// <param name="PackageVersion">The Drydock.Build version the build project references.</param>
/// <param name="LocalFeed">The folder Pack wrote, for build/nuget.config; null when the package comes from the team's own feeds.</param>
/// <param name="GlobalJson">Drydock's global.json, written only when the repository has none.</param>
public sealed record SetupInputs(string PackageVersion, string? LocalFeed, string BuildSh, string BuildPs1, string GlobalJson);

/// <summary>
/// Setup decided as data: the files to write, or why nothing is written (the folder is missing, there is no web project,
/// or files would be overwritten, all listed). Nothing here touches the disk; the Setup target writes <see cref="Files"/>.
/// </summary>
public sealed record SetupPlan(IReadOnlyList<PlannedFile> Files, string? Refusal, IReadOnlyList<string> Notes, IReadOnlyList<string> NextCommands)
{
    public static SetupPlan Decide(RepositorySnapshot repository, SetupInputs inputs)
    {
        if (!repository.IsDirectory)
            return Refuse($"{repository.Root} does not exist: pass --into the folder of the repository to set up (git init it first if it is new).");
        if (repository.WebProjects.Count == 0)
            return Refuse($"{repository.Root} has no ASP.NET Core app (a project on Microsoft.NET.Sdk.Web that builds an executable): add one, e.g. dotnet new webapi -o src/MyService, and run Setup again.");

        var service = repository.WebProjects[0];
        var files = SetupFiles.For(service, inputs).Where(f => f.Path != "global.json" || !repository.ExistingFiles.Contains("global.json")).ToList();
        var clashes = files.Select(f => f.Path).Where(repository.ExistingFiles.Contains).ToList();
        if (clashes.Count > 0)
            return Refuse($"Nothing was written: these files exist and Setup never overwrites them: {string.Join(", ", clashes)}. Move them aside (or merge them by hand afterwards) and run Setup again.");

        var notes = new List<string> { $"The service is {service.RelativePath} (\"Project\" in .nuke/parameters.json)." };
        notes.AddRange(repository.WebProjects.Skip(1).Select(p => $"{p.RelativePath} is another web app: ship it with --project {p.RelativePath} (e.g. with its own --environment)."));
        notes.Add(service.HealthPath is { } health
            ? $"Deploy waits for {health} to answer 2xx (the app's MapHealthChecks), set in .nuke/environments/local.json."
            : $"{service.RelativePath} maps no health check: add builder.Services.AddHealthChecks() and app.MapHealthChecks(\"/health\"), or set \"healthPath\" in .nuke/environments/local.json to a path that answers 2xx when the app is ready.");
        if (repository.ExistingFiles.Contains("global.json"))
            notes.Add("global.json was kept as it is: the build uses the SDK it names.");
        if (!repository.IgnoredByGit)
        {
            // A release is built from a clean working tree: without these lines the first Deploy after Compile is refused as dirty.
            files.Add(new PlannedFile(".gitignore", GitIgnoreWith(repository.GitIgnore, repository.UnignoredOutputs)) { Replaces = repository.GitIgnore is not null });
            notes.Add($"{(repository.GitIgnore is null ? "Created" : "Extended")} .gitignore with {string.Join(" ", repository.UnignoredOutputs)}: a release is built from a clean working tree.");
        }
        return new SetupPlan(files, null, notes, ["git add -A && git commit -m \"Build and deploy with Drydock\"", "./build.sh Deploy"]);
    }

    private static SetupPlan Refuse(string reason) => new([], reason, [], []);

    /// <summary>The existing .gitignore kept as it is, with the missing lines appended under a comment.</summary>
    private static string GitIgnoreWith(string? existing, IReadOnlyList<string> lines)
    {
        var kept = string.IsNullOrEmpty(existing) ? "" : existing.EndsWith('\n') ? existing + "\n" : existing + "\n\n";
        return kept + "# Drydock's build output\n" + string.Concat(lines.Select(line => line + "\n"));
    }
}
