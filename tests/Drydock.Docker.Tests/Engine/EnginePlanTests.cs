namespace Drydock.Docker.Tests;

public sealed class EnginePlanTests
{
    private static readonly EngineFacts Nothing = new(false, false, false, false, false, null);

    [Fact]
    public void An_answering_engine_is_used() =>
        Assert.Equal(EngineAction.UseRunning, EnginePlan.Decide(Nothing with { EngineAnswers = true }).Action);

    [Fact]
    public void An_installed_but_stopped_engine_is_started() =>
        Assert.Equal(EngineAction.StartDaemon, EnginePlan.Decide(Nothing with { ClientInstalled = true, DaemonInstalled = true }).Action);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Root_on_debian_installs_docker_io_when_client_or_daemon_is_missing(bool client, bool daemon) =>
        Assert.Equal(EngineAction.InstallAndStartDaemon,
            EnginePlan.Decide(Nothing with { ClientInstalled = client, DaemonInstalled = daemon, IsRoot = true, IsDebian = true }).Action);

    [Fact]
    public void Elsewhere_a_missing_docker_fails_saying_what_to_install()
    {
        var plan = EnginePlan.Decide(Nothing with { IsDebian = true });

        Assert.Equal(EngineAction.Fail, plan.Action);
        Assert.Contains("apt-get install docker.io", plan.FailureMessage);
        Assert.Contains("root", plan.FailureMessage);
    }

    [Fact]
    public void A_remote_engine_that_does_not_answer_is_not_replaced_by_a_local_one()
    {
        var plan = EnginePlan.Decide(Nothing with { ClientInstalled = true, DaemonInstalled = true, IsRoot = true, IsDebian = true, RemoteEndpoint = "DOCKER_HOST=tcp://builder:2375" });

        Assert.Equal(EngineAction.Fail, plan.Action);
        Assert.Contains("DOCKER_HOST=tcp://builder:2375", plan.FailureMessage);
    }
}
