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
        HealthPath = HealthPath ?? "/health/ready",
    }, Tools, Log.Current, Secrets);

    bool AlreadyPublished => Release.IsAlreadyPublishedAsync().GetAwaiter().GetResult();

    Target Publish => _ => _
        .Description("Self-contained linux-x64 publish of the service, stamped with the GitVersion version")
        .DependsOn(Test)
        .Requires(() => Project)
        .OnlyWhenDynamic(() => !AlreadyPublished)
        .Executes(ct => Release.PublishAsync(ct));

    Target BuildImage => _ => _
        .Description("docker build of the published output with OCI labels")
        .DependsOn(Publish)
        .OnlyWhenDynamic(() => !AlreadyPublished)
        .Executes(ct => Release.BuildImageAsync(ct));

    Target TagImage => _ => _
        .Description("Tag the image <registry>/<name>:<SemVer> and :sha-<short>; never latest")
        .DependsOn(BuildImage)
        .OnlyWhenDynamic(() => !AlreadyPublished)
        .Executes(ct => Release.TagImageAsync(ct));

    Target PushImage => _ => _
        .Description("Push unless the tag already holds this commit; refuse to move a tag; write artifacts/image.json")
        .DependsOn(TagImage)
        .Executes(ct => Release.PushImageAsync(ct));
}
