using Drydock.Deploy;
using Drydock.Engine.Output;
using Drydock.Engine.Targets;
using Drydock.Release;

partial class Build
{
    ReleaseChain? _release;

    /// <summary>One chain per run, so the version, the registry and its answers are worked out once.</summary>
    ReleaseChain Release => _release ??= new ReleaseChain(new ReleaseSettings(RootDirectory, Project)
    {
        Configuration = Configuration.ToString(),
        ImageName = ImageName,
        Registry = Registry,
        RegistryUsername = RegistryUsername,
        RegistryPassword = RegistryPassword,
        BaseImage = BaseImage,
        AllowDirty = AllowDirty,
        // The image records the health path Deploy probes: the parameter, else the environment's (one default, EnvironmentConfig's).
        HealthPath = EnvironmentConfig.HealthPath ?? new EnvironmentConfig().HealthPath!,
    }, Tools, Log.Current, Secrets);

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

    Target Publish => _ => _
        .Description("Self-contained linux-x64 publish of the service, stamped with the GitVersion version")
        .DependsOn(Test)
        .Requires(() => Project)
        .OnlyWhenDynamic(() => !CommitAlreadyPublished)
        .Executes(ct => Release.PublishAsync(ct));

    Target BuildImage => _ => _
        .Description("docker build of the published output with OCI labels")
        .DependsOn(Publish)
        .OnlyWhenDynamic(() => !CommitAlreadyPublished)
        .Executes(ct => Release.BuildImageAsync(ct));

    Target TagImage => _ => _
        .Description("Tag the image <registry>/<name>:<SemVer> and :sha-<short>; never latest")
        .DependsOn(BuildImage)
        .OnlyWhenDynamic(() => !CommitAlreadyPublished)
        .Executes(ct => Release.TagImageAsync(ct));

    Target PushImage => _ => _
        .Description("Push unless the tag already holds this commit; refuse to move a tag; write artifacts/image.json")
        .DependsOn(TagImage)
        .Executes(ct => Release.PushImageAsync(ct));
}
