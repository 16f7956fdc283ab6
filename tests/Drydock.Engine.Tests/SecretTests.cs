using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Engine.Tests;

public class SecretTests
{
    [Fact]
    public void Every_occurrence_of_every_secret_is_masked_longest_first()
    {
        var masker = new SecretMasker();
        masker.Add("hunter2");
        masker.Add("hunter2-extended");
        Assert.Equal("a ***** b *****", masker.Apply("a hunter2-extended b hunter2"));
    }

    [Fact]
    public void The_log_masks_secrets_in_every_line()
    {
        var masker = new SecretMasker();
        masker.Add("s3cr3t-value");
        var output = new StringWriter();
        new ConsoleBuildLog(masker, Verbosity.Normal, output).Write(LogLevel.Information, "password=s3cr3t-value\nagain s3cr3t-value");
        Assert.DoesNotContain("s3cr3t-value", output.ToString());
        Assert.Equal(2, output.ToString().Split(SecretMasker.Mask).Length - 1);
    }

    [Fact]
    public async Task The_tool_runner_refuses_a_secret_on_a_command_line_and_accepts_it_on_stdin()
    {
        var masker = new SecretMasker();
        masker.Add("s3cr3t-value");
        var output = new StringWriter();
        var runner = new ProcessToolRunner(new ConsoleBuildLog(masker, Verbosity.Normal, output), masker);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(new ToolCommand("echo", "--password", "s3cr3t-value")));
        Assert.DoesNotContain("s3cr3t-value", refused.Message);

        var result = await runner.RunAsync(new ToolCommand("cat") { StandardInput = "s3cr3t-value" });
        Assert.Equal("s3cr3t-value", result.Output);
        Assert.DoesNotContain("s3cr3t-value", output.ToString());
        Assert.Contains(SecretMasker.Mask, output.ToString());
    }

    [Fact]
    public async Task A_failing_tool_reports_its_exit_code_and_stderr_tail_while_stderr_progress_is_not_an_error()
    {
        var output = new StringWriter();
        var runner = new ProcessToolRunner(new ConsoleBuildLog(new SecretMasker(), Verbosity.Normal, output), new SecretMasker());

        var progress = await runner.RunAsync(new ToolCommand("sh", "-c", "echo 'Step 1/3 progress' >&2; echo done"));
        Assert.True(progress.Succeeded);
        Assert.DoesNotContain("error", output.ToString());

        var failure = await Assert.ThrowsAsync<ToolFailedException>(() => runner.RunAsync(new ToolCommand("sh", "-c", "echo 'no such image' >&2; exit 3")));
        Assert.Equal(3, failure.Result.ExitCode);
        Assert.Contains("exited with code 3", failure.Message);
        Assert.Contains("no such image", failure.Message);
    }

    [Fact]
    public async Task A_missing_tool_is_exit_code_127_when_failure_is_tolerated_and_a_clear_error_otherwise()
    {
        var runner = new ProcessToolRunner(new ConsoleBuildLog(new SecretMasker(), Verbosity.Quiet, TextWriter.Null), new SecretMasker());
        var tolerated = await runner.RunAsync(new ToolCommand("drydock-no-such-tool") { ThrowOnError = false });
        Assert.Equal(127, tolerated.ExitCode);
        var error = await Assert.ThrowsAsync<ToolFailedException>(() => runner.RunAsync(new ToolCommand("drydock-no-such-tool")));
        Assert.Contains("Is it installed and on PATH?", error.Message);
    }
}
