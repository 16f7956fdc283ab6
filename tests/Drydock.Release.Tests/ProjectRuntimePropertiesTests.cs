using Drydock.DotNet;

namespace Drydock.Release.Tests;

public sealed class ProjectRuntimePropertiesTests
{
    [Fact]
    public void Every_runtime_property_is_asked_in_one_evaluation()
    {
        var command = ProjectRuntimeProperties.Command("src/App/App.csproj");

        Assert.Equal("dotnet", command.FileName);
        Assert.Equal("msbuild", command.Arguments[0]);
        Assert.Equal(ProjectRuntimeProperties.Names.Count, command.Arguments.Count(a => a.StartsWith("-getProperty:", StringComparison.Ordinal)));
        Assert.Contains("-getProperty:PublishAot", command.Arguments);
    }

    [Fact]
    public void Target_frameworks_win_over_the_single_one_and_flags_are_read()
    {
        var properties = ProjectRuntimeProperties.Parse("""
            { "Properties": { "TargetFramework": "", "TargetFrameworks": "net8.0; net10.0", "RuntimeFrameworkVersion": "8.0.30",
              "RollForward": "Major", "SelfContained": "", "PublishAot": "true", "InvariantGlobalization": "True" } }
            """);

        Assert.Equal(["net8.0", "net10.0"], properties.TargetFrameworks);
        Assert.Equal("8.0.30", properties.RuntimeFrameworkVersion);
        Assert.Equal("Major", properties.RollForward);
        Assert.False(properties.SelfContained);
        Assert.True(properties.PublishAot);
        Assert.True(properties.InvariantGlobalization);
    }

    [Fact]
    public void A_single_target_framework_is_read_and_empty_properties_are_unset()
    {
        var properties = ProjectRuntimeProperties.Parse("""{ "Properties": { "TargetFramework": "net9.0", "TargetFrameworks": "", "RuntimeFrameworkVersion": "" } }""");

        Assert.Equal(["net9.0"], properties.TargetFrameworks);
        Assert.Null(properties.RuntimeFrameworkVersion);
        Assert.Null(properties.RollForward);
    }
}
