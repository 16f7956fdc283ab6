using Drydock.Deploy;
using Drydock.Engine.Output;
using Drydock.Engine.Parameters;
using Drydock.Engine.Planning;
using Drydock.Engine.Targets;
using Drydock.Release;
using Drydock.Versioning;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    [Parameter("Publish self-contained on the runtime-deps base (default: framework-dependent on the ASP.NET base, so a release ships only the app)")]
    protected readonly bool SelfContained;

    [Parameter("Target framework to publish a multi-targeted project for, e.g. net8.0 (default: its newest)")]
    protected readonly string? Framework;

    [Parameter("What builds and pushes the image: Docker (docker build and push, the default) or Sdk (dotnet publish -t:PublishContainer, no Docker daemon)")]
    protected readonly ImageBuilderKind ImageBuilder = ImageBuilderKind.Docker;

    ReleaseChain? _release;

    /// <summary>Registry credentials live only as long as the run (see RegistryLoginDirectory).</summary>
    protected override void OnBuildFinished() => _release?.ForgetCredentials();

    /// <summary>One chain per run, so the version, the registry and its answers are worked out once.</summary>
    ReleaseChain Release => _release ??= new ReleaseChain(new ReleaseSettings(RootDirectory, Project ?? throw NoProject())
    {
        Configuration = Configuration.ToString(),
        ImageName = ImageName,
        Registry = RegistryOfRun,
        RegistryUsername = RegistryUsername,
        RegistryPassword = RegistryPassword,
        BaseImage = BaseImage,
        AllowDirty = AllowDirty,
        // The image records the health path Deploy probes: the parameter, else the environment's (one default, EnvironmentConfig's).
        HealthPath = EnvironmentConfig.HealthPath ?? new EnvironmentConfig().HealthPath!,
        SelfContained = SelfContained,
        Framework = Framework,
        ImageBuilder = ImageBuilder,
    }, Tools, Log.Current, Secrets);

    /// <summary>True for an ASP.NET Core app and settings that work together; otherwise stops the build before anything runs, with the reason.</summary>
    bool ReleaseCanShip =>
        ShipReadiness.Refusal(
            Release.Settings.Conflict,
            () => File.Exists(Release.Settings.ProjectPath) ? ProjectFile.NotAWebAppReason(Release.Settings.ProjectPath) : null,
            () => CommitAlreadyPublished,
            () => File.Exists(Release.Settings.ProjectPath) ? Release.DecideRuntimeAsync().GetAwaiter().GetResult().Refusal : null) is { } refusal
            ? throw new PlanningException($"Nothing was run: {refusal}")
            : true;

    PlanningException? _workingTreeRefusal;
    bool _workingTreeChecked;

    /// <summary>
    /// For <c>Requires</c> of every target that versions the image (and build/'s Pack): a working tree with uncommitted
    /// changes stops the run before Restore, Compile and Test, rather than at Publish after them. Asked once.
    /// </summary>
    protected bool WorkingTreeIsBuildable
    {
        get
        {
            if (!_workingTreeChecked)
                (_workingTreeRefusal, _workingTreeChecked) = (WorkingTreeRefusal(), true);
            return _workingTreeRefusal is null ? true : throw _workingTreeRefusal;
        }
    }

    PlanningException? WorkingTreeRefusal()
    {
        try
        {
            new VersionResolver(Tools).EnsureBuildableAsync(RootDirectory, AllowDirty).GetAwaiter().GetResult();
            return null;
        }
        catch (VersioningException e)
        {
            return new PlanningException($"Nothing was run: {e.Message}");
        }
    }

    static PlanningException NoProject() => new(
        "Nothing was run: no service project. Pass --project path/to/App.csproj, or set \"project\" in .nuke/parameters.json (Setup writes it).");

    bool? _commitPublished;

    /// <summary>
    /// Whether the registry already holds this commit's image under all its tags: the one way to ask, answered once. Such
    /// an image passed Test before it was pushed, and what Deploy runs is that image by digest: testing and rebuilding
    /// the same commit again would deploy exactly the same bytes. No answer (registry down): no, run the whole chain.
    /// </summary>
    bool CommitAlreadyPublished => _commitPublished ??= AskRegistry();

    bool AskRegistry()
    {
        try
        {
            return Release.IsAlreadyPublishedAsync().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Log.Debug($"Could not tell whether this commit is already published ({e.Message}); running the whole chain");
            return false;
        }
    }

    public Target Publish => _ => _
        .Description("linux-x64 publish of the service (framework-dependent unless --self-contained), stamped with the GitVersion version; its NuGet SBOM")
        .DependsOn(Test)
        .Requires(() => Project)
        .Requires(() => WorkingTreeIsBuildable)
        .Requires(() => ReleaseCanShip)
        .OnlyWhenDynamic(() => !CommitAlreadyPublished)
        .Executes(ct => Release.PublishAsync(ct));

    public Target BuildImage => _ => _
        .Description("docker build (or the SDK container builder) of the published output on its base, with OCI labels and the SBOM")
        .DependsOn(Publish)
        .Requires(() => WorkingTreeIsBuildable)
        .OnlyWhenDynamic(() => !CommitAlreadyPublished)
        .Executes(ct => Release.BuildImageAsync(ct));

    public Target TagImage => _ => _
        .Description("Tag the image <registry>/<name>:<SemVer> and :sha-<short>; never latest")
        .DependsOn(BuildImage)
        .Requires(() => WorkingTreeIsBuildable)
        .OnlyWhenDynamic(() => !CommitAlreadyPublished)
        .Executes(ct => Release.TagImageAsync(ct));

    public Target PushImage => _ => _
        .Description("Push unless the tag already holds this commit; refuse to move a tag; write artifacts/image.json")
        .DependsOn(TagImage)
        .Requires(() => WorkingTreeIsBuildable)
        .Executes(ct => Release.PushImageAsync(ct));
}
