using Drydock.Engine.Targets;

partial class Build
{
    Target Deploy => _ => _
        .Description("Replace the running container with the pushed image, health first")
        .DependsOn(PushImage)
        .Executes(() => throw NotImplementedYet(nameof(Deploy), 5));

    Target Rollback => _ => _
        .Description("Back to the previous release (or --to-version), health first")
        .Executes(() => throw NotImplementedYet(nameof(Rollback), 5));

    Target Status => _ => _
        .Description("What runs in --environment, its health, and drift from its release")
        .Executes(() => throw NotImplementedYet(nameof(Status), 5));

    Target History => _ => _
        .Description("Every deploy and rollback of --environment")
        .Executes(() => throw NotImplementedYet(nameof(History), 5));
}
