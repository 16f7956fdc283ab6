using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Engine.Tests;

/// <summary>Tools running side by side (test lanes): each echoed line carries its tool's prefix; the captured output does not.</summary>
public sealed class OutputPrefixTests
{
    [Fact]
    public async Task Each_echoed_line_of_stdout_and_stderr_starts_with_the_prefix_and_the_result_stays_plain()
    {
        var output = new StringWriter();
        var runner = new ProcessToolRunner(new ConsoleBuildLog(new SecretMasker(), Verbosity.Normal, output), new SecretMasker());

        var result = await runner.RunAsync(new ToolCommand("sh", "-c", "echo one; echo two >&2") { OutputPrefix = "Deploy | " });

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Deploy | one", "Deploy | two"], lines.Order(StringComparer.Ordinal));
        Assert.Equal("one", result.Output);
        Assert.Equal("two", result.Error);
    }
}
