namespace Drydock.Docker.Tests;

public sealed class RuntimeDecisionTests
{
    private static (AppRuntime? Runtime, string? Refusal) Decide(params string[] frameworks) =>
        RuntimeDecision.Decide(new RuntimeRequest("src/App/App.csproj", frameworks), sdkMajor: 10);

    [Fact]
    public void The_sdks_own_major_runs_on_the_sdks_runtime()
    {
        var (runtime, refusal) = Decide("net10.0");

        Assert.Null(refusal);
        Assert.Equal(new AppRuntime("net10.0", 10, RuntimeSource.Sdk), runtime);
    }

    [Theory]
    [InlineData("net8.0", 8)]
    [InlineData("net9.0", 9)]
    public void An_older_major_runs_on_the_runtime_packs_of_that_major_not_the_sdks_runtime(string framework, int major)
    {
        var (runtime, refusal) = Decide(framework);

        Assert.Null(refusal);
        Assert.Equal(new AppRuntime(framework, major, RuntimeSource.Packs), runtime);
    }

    [Fact]
    public void A_runtime_framework_version_of_the_sdks_major_comes_from_the_packs_at_that_version()
    {
        var (runtime, _) = RuntimeDecision.Decide(new RuntimeRequest("App.csproj", ["net10.0"]) { RuntimeFrameworkVersion = "10.0.11" }, 10);

        Assert.Equal(RuntimeSource.Packs, runtime!.Source);
        Assert.Equal("10.0.11", runtime.RuntimeFrameworkVersion);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Self_contained_and_native_aot_get_no_shared_runtime(bool selfContained, bool aot)
    {
        var (runtime, _) = RuntimeDecision.Decide(new RuntimeRequest("App.csproj", ["net8.0"]) { SelfContained = selfContained, PublishAot = aot }, 10);

        Assert.Equal(RuntimeSource.None, runtime!.Source);
        Assert.True(runtime.SelfContained);
        Assert.Equal("net8.0", runtime.Framework);
    }

    [Fact]
    public void A_multi_targeted_project_takes_its_newest_target()
    {
        Assert.Equal("net10.0", Decide("net8.0", "net10.0", "net9.0").Runtime!.Framework);
        // An unusable target beside usable ones does not stop the newest usable one.
        Assert.Equal("net9.0", Decide("net48", "net9.0").Runtime!.Framework);
    }

    [Fact]
    public void Framework_names_the_target_to_publish()
    {
        var (runtime, _) = RuntimeDecision.Decide(new RuntimeRequest("App.csproj", ["net8.0", "net10.0"]) { Framework = "net8.0" }, 10);

        Assert.Equal(new AppRuntime("net8.0", 8, RuntimeSource.Packs), runtime);
    }

    [Fact]
    public void A_framework_the_project_does_not_target_is_refused_with_its_targets()
    {
        var (runtime, refusal) = RuntimeDecision.Decide(new RuntimeRequest("src/App/App.csproj", ["net8.0", "net10.0"]) { Framework = "net9.0" }, 10);

        Assert.Null(runtime);
        Assert.Contains("--framework net9.0", refusal);
        Assert.Contains("App.csproj", refusal);
        Assert.Contains("net8.0;net10.0", refusal);
    }

    [Theory]
    [InlineData("net6.0", "no linux-x64 runtime pack")]
    [InlineData("net7.0", "no linux-x64 runtime pack")]
    [InlineData("netcoreapp3.1", "no linux-x64 runtime pack")]
    [InlineData("net48", ".NET Framework")]
    [InlineData("netstandard2.0", "netstandard")]
    [InlineData("net8.0-windows", "only on Windows")]
    [InlineData("net11.0", "Install a .NET 11 SDK")]
    public void A_framework_no_base_can_carry_is_refused_naming_the_project_the_property_and_the_fix(string framework, string reason)
    {
        var (runtime, refusal) = Decide(framework);

        Assert.Null(runtime);
        Assert.Contains(reason, refusal);
        Assert.Contains("App.csproj", refusal);
        Assert.Contains($"targets {framework} (TargetFramework)", refusal);
        Assert.Matches("[Rr]etarget|Target net|Install", refusal);
    }

    [Fact]
    public void A_windows_target_is_refused_even_when_named_by_framework()
    {
        var (_, refusal) = RuntimeDecision.Decide(new RuntimeRequest("App.csproj", ["net8.0", "net8.0-windows"]) { Framework = "net8.0-windows" }, 10);

        Assert.Contains("Target net8.0 instead", refusal);
    }

    [Fact]
    public void Roll_forward_disable_without_a_runtime_version_is_refused_with_the_fix()
    {
        var (_, refusal) = RuntimeDecision.Decide(new RuntimeRequest("App.csproj", ["net8.0"]) { RollForward = "Disable" }, 10);

        Assert.Contains("RollForward", refusal);
        Assert.Contains("RuntimeFrameworkVersion", refusal);
    }

    [Fact]
    public void A_project_with_no_target_framework_is_refused()
    {
        Assert.Contains("TargetFramework", Decide().Refusal);
    }
}
