using Drydock.Deploy;
using Drydock.Engine.Output;
using Drydock.Engine.Targets;
using Drydock.Engine.Tooling;
using Drydock.Release;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    /// <summary>
    /// Where the edge image is built from: a Drydock checkout's own src/Drydock.Edge, else the copy of the edge's sources
    /// the Drydock.Build package puts next to the build (bin/drydock-edge), so a user's repository needs no Drydock sources.
    /// </summary>
    protected virtual string EdgeSourceRoot =>
        File.Exists(Path.Combine(RootDirectory, "src", "Drydock.Edge", "Drydock.Edge.csproj")) ? RootDirectory : Path.Combine(AppContext.BaseDirectory, "drydock-edge");

    string Repository => $"{Release.RegistryAddressOrDefault}/{Release.Name}";

    /// <summary>For the registry's tags (a rollback to a version only the registry has): one client per target run.</summary>
    static HttpClient RegistryHttpClient() => Drydock.Registry.RegistryHttp.Create(TimeSpan.FromSeconds(100));

    async Task<ReleaseManager> ReleaseManagerAsync(HttpClient http, CancellationToken cancellationToken) =>
        new(await EnvironmentEngineAsync(cancellationToken), Log.Current, new ReleaseManagerOptions
        {
            Tags = new RegistryReleaseTags(http, Log.Current, Release.Credentials),
            Masker = Secrets,
            Edge = new EdgeStrategyOptions(EdgeSourceRoot) { WorkDirectory = TemporaryDirectory, BaseImage = BaseImage, RecreateOutdatedEdge = RecreateEdge },
            Https = EnvironmentHttps,
        });

    public Target ShipImage => _ => _
        .Description("Test → Publish → BuildImage → TagImage → PushImage, unless the registry already holds this commit's image")
        .DependsOn(PushImage)
        .OnlyWhenStatic(() => !CommitAlreadyPublished)
        .Executes(() => { });

    public Target Deploy => _ => _
        .Description("Put the pushed image (by digest) in service, health first, through the environment's edge; no change, nothing done")
        .DependsOn(ShipImage)
        .Requires(() => EnvironmentIsValid && HostIsValid && HttpsIsValid && StrategyFitsHost && ClusterRegistryIsReachable) // all read the same file: asked once it parses
        .Requires(() => EnvironmentSecretsAreSet)
        .Requires(() => CanaryIsValid)
        .Requires(() => EnvironmentIsKnown)
        .Executes(async ct =>
        {
            // When ShipImage was skipped because this commit is already published, only its record is written (no build, no push).
            var image = CommitAlreadyPublished ? await Release.PushImageAsync(ct) : PublishedImage.Read(Release.Settings.ImageManifestPath);
            using var http = RegistryHttpClient();
            var result = await OnEnvironmentEngineAsync(nameof(Deploy), async () => await (await ReleaseManagerAsync(http, ct)).DeployAsync(new DeployRequest(image.ImageName, image.Repository, image.Digest, image.Version)
            {
                Commit = image.Commit,
                Environment = Environment,
                Config = EnvironmentConfig,
            }, ct));
            Log.Information(result.Unchanged
                ? $"{image.ImageName} {image.Version} already serves {Environment}: nothing changed ({result.Duration.TotalSeconds:0.0}s)"
                : $"{image.ImageName} {image.Version} serves {Environment} at {result.Endpoint} ({result.Duration.TotalSeconds:0.0}s"
                    + (result.SwapGap is { } gap && gap > TimeSpan.Zero ? $"; the port was unanswered for {gap.TotalSeconds:0.00}s)" : "; no gap)"));
        });

    public Target Rollback => _ => _
        .Description("Back to the previous release, or --to-version, health first; during a deploy's window: revert that deploy now")
        // The secrets a rollback needs are the target release's recorded ones (checked before anything changes), not today's.
        .Requires(() => EnvironmentIsValid && HostIsValid && StrategyFitsHost) // host and strategy come from the same file: asked once it parses
        .Executes(async ct =>
        {
            // A deploy in its window holds the lock: it is asked to revert, and that is the rollback.
            if (await RevertRunningWindowAsync(EnvironmentConfig, ct))
                return;
            using var http = RegistryHttpClient();
            var result = await OnEnvironmentEngineAsync(nameof(Rollback), async () => await (await ReleaseManagerAsync(http, ct)).RollbackAsync(new RollbackRequest(Release.Name.Value)
            {
                Environment = Environment,
                ToVersion = ToVersion,
                Repository = Repository,
                Config = EnvironmentConfig,
            }, ct));
            if (result.RolledBack)
                Log.Information(result.Message); // when nothing changed the manager has already said why
        });

    public Target Status => _ => _
        .Description("What serves --environment: health, uptime, digest, and drift from its release (fails on drift)")
        .Requires(() => EnvironmentIsValid && HostIsValid) // the host is read from the same file: asked once it parses
        .Executes(async ct =>
        {
            using var http = RegistryHttpClient();
            var status = await (await ReleaseManagerAsync(http, ct)).StatusAsync(new EnvironmentId(Release.Name.Value, Environment), EnvironmentConfig.Platform, ct);
            Log.Information(status.Describe());
            if (status.DriftProblem is { } drift)
                throw new InvalidOperationException($"{drift}. Deploy or Rollback to replace it with an immutable release.");
        });

    public Target History => _ => _
        .Description("Every deploy and rollback of --environment, oldest first")
        .Requires(() => EnvironmentIsValid && HostIsValid) // the host is read from the same file: asked once it parses
        .Executes(async ct =>
        {
            using var http = RegistryHttpClient();
            var records = await (await ReleaseManagerAsync(http, ct)).HistoryAsync(new EnvironmentId(Release.Name.Value, Environment), ct);
            Log.Information(records.Count == 0 ? $"No release of {Release.Name} was ever recorded in {Environment}." : HistoryTable.Render(records));
        });

    public Target Watch => _ => _
        .Description("Rebuild and redeploy to the dev environment whenever files under src/ change (Ctrl-C stops)")
        .Executes(async ct =>
        {
            // Each round is the same command a person would type, so Watch can never deploy anything Deploy would not.
            // dev is Watch's own name, never a typo: its first round may create it.
            var round = new ToolCommand(Path.Combine(RootDirectory, "build.sh"), "Deploy", "--environment", "dev", "--new-environment", "--skip", "Restore", "Compile", "Test", "--allow-dirty")
            {
                WorkingDirectory = RootDirectory,
                Environment = ParametersAsEnvironment(except: [nameof(Environment), nameof(AllowDirty), nameof(NewEnvironment)]),
                ThrowOnError = false,
            };
            using var watcher = new ChangeWatcher(Path.Combine(RootDirectory, "src"), TimeSpan.FromSeconds(1));
            while (!ct.IsCancellationRequested)
            {
                var result = await Tools.RunAsync(round, ct);
                Log.Information(result.Succeeded ? "Deployed to dev. Watching src/ for changes…" : "That round failed (see above); dev keeps serving. Watching src/ for changes…");
                var changed = await watcher.NextAsync(ct);
                Log.Information($"{changed.Count} file(s) changed, e.g. {Path.GetRelativePath(RootDirectory, changed[0])}: rebuilding");
            }
        });
}
