using Drydock.Engine.Targets;

partial class Build
{
    Target Publish => _ => _
        .Description("Self-contained linux-x64 publish of the service, stamped with the GitVersion version")
        .DependsOn(Test)
        .Executes(() => throw NotImplementedYet(nameof(Publish), 4));

    Target BuildImage => _ => _
        .Description("docker build of the published output with OCI labels")
        .DependsOn(Publish)
        .Executes(() => throw NotImplementedYet(nameof(BuildImage), 4));

    Target TagImage => _ => _
        .Description("Tag the image <registry>/<name>:<SemVer> and :sha-<short>; never latest")
        .DependsOn(BuildImage)
        .Executes(() => throw NotImplementedYet(nameof(TagImage), 4));

    Target PushImage => _ => _
        .Description("Push to the registry unless the tag already holds this commit; refuse to move a tag")
        .DependsOn(TagImage)
        .Executes(() => throw NotImplementedYet(nameof(PushImage), 4));
}
