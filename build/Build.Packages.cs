using Drydock.DotNet;
using Drydock.DotNet.Packages;
using Drydock.Engine.Parameters;
using Drydock.Engine.Output;
using Drydock.Engine.Targets;
using Drydock.Versioning;

partial class Build
{
    /// <summary>The package a service repository's build references; it brings every other library as a dependency.</summary>
    string EntryProject => Path.Combine(RootDirectory, "src", "Drydock.Build", "Drydock.Build.csproj");

    /// <summary>The local feed Pack writes and Setup points a repository's nuget.config at.</summary>
    string PackagesDirectory => Path.Combine(ArtifactsDirectory, "packages");

    BuildVersion? _packageVersion;

    async Task<BuildVersion> PackageVersionAsync(CancellationToken ct) =>
        _packageVersion ??= await new VersionResolver(Tools).ResolveAsync(RootDirectory, AllowDirty, ct);

    Target Pack => _ => _
        .Description("Pack Drydock.Build and the libraries it brings (the edge's sources included) with the GitVersion version into artifacts/packages")
        .After(Test)
        .Requires(() => WorkingTreeIsBuildable)
        .Executes(async ct =>
        {
            var version = await PackageVersionAsync(ct);
            var projects = ProjectReferences.Closure(EntryProject);
            if (Directory.Exists(PackagesDirectory))
                Directory.Delete(PackagesDirectory, recursive: true);
            // One build with the version, so every package and the dependency versions between them agree.
            await Tools.RunAsync(DotNetCommands.BuildVersioned(EntryProject, Configuration.ToString(), version.Version, version.InformationalVersion, version.Revision), ct);
            foreach (var project in projects)
                await Tools.RunAsync(DotNetCommands.Pack(project, Configuration.ToString(), PackagesDirectory, version.Version, version.InformationalVersion, version.Revision), ct);
            Log.Information($"Packed {projects.Count} packages {version.Version} into {Path.GetRelativePath(RootDirectory, PackagesDirectory)}: "
                + string.Join(", ", projects.Select(Path.GetFileNameWithoutExtension)));
        });

    [Parameter("PublishPackages: the NuGet feed to push to (a v3 index.json URL or a folder)", Name = "NugetSource")]
    readonly string? NuGetSource;

    [Parameter("PublishPackages: the feed's API key, from the environment (a folder feed needs none)", Name = "NugetApiKey"), Secret]
    readonly string? NuGetApiKey;

    Target PublishPackages => _ => _
        .Description("Push artifacts/packages to --nuget-source (key: DRYDOCK_NUGET_API_KEY); a version already there from another commit is refused, from this one skipped")
        .DependsOn(Pack)
        .Requires(() => NuGetSource)
        .Executes(async ct =>
        {
            using var http = new HttpClient();
            var feed = new NuGetFeed(NuGetSource!, http);
            var decisions = new List<PackagePushDecision>();
            foreach (var package in Directory.EnumerateFiles(PackagesDirectory, "*.nupkg").Order(StringComparer.Ordinal).Select(PackageFile.Read))
                decisions.Add(PackagePushDecision.For(package, await feed.FindAsync(package.Id, package.Version, ct)));
            // All or nothing: one refused version stops the push before any package moves.
            if (decisions.Where(d => d.Action == PackagePushAction.Refuse).Select(d => d.Explanation).ToList() is { Count: > 0 } refused)
                throw new InvalidOperationException("Nothing was pushed. " + string.Join(" ", refused));
            foreach (var decision in decisions)
            {
                Log.Information(decision.Explanation);
                if (decision.Action == PackagePushAction.Push)
                    await Tools.RunAsync(DotNetCommands.Push(Path.Combine(PackagesDirectory, $"{decision.Package.Id}.{decision.Package.Version}.nupkg"), NuGetSource!, NuGetApiKey), ct);
            }
        });
}
