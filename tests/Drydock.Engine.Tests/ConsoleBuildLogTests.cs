using Drydock.Engine.Output;

namespace Drydock.Engine.Tests;

public class ConsoleBuildLogTests
{
    [Fact]
    public void On_GitHub_Actions_each_target_is_a_group_and_errors_are_annotations()
    {
        var output = new StringWriter();
        var log = new ConsoleBuildLog(new SecretMasker(), Verbosity.Normal, output, gitHubActions: true);
        log.BeginGroup("Compile");
        log.Write(LogLevel.Information, "building");
        log.Write(LogLevel.Error, "it broke");
        log.EndGroup();
        Assert.Equal(["::group::Compile", "building", "::error::it broke", "::endgroup::"], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Elsewhere_a_target_gets_a_header_and_verbosity_filters_lines()
    {
        var output = new StringWriter();
        var log = new ConsoleBuildLog(new SecretMasker(), Verbosity.Minimal, output, gitHubActions: false);
        log.BeginGroup("Compile");
        log.Write(LogLevel.Information, "building");
        log.Write(LogLevel.Warning, "careful");
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("── Compile ", lines[0]);
        Assert.Equal("warning: careful", lines[1]);
        Assert.Equal(2, lines.Length);
    }
}
