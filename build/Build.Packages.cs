using Drydock.DotNet;
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
}
