using System.Globalization;
using System.Text.RegularExpressions;
using Drydock.Engine.Tooling;

namespace Drydock.Testing.Nodes;

/// <summary>
/// An ssh-agent of the test run holding the nodes' key, as CI's ssh-agent step gives a deploy job: builds get only
/// <see cref="Socket"/> (SSH_AUTH_SOCK), never the key file. Stopped by its pid when disposed.
/// </summary>
public sealed partial class SshAgent : IAsyncDisposable
{
    private readonly IToolRunner _runner;
    private readonly int _pid;

    private SshAgent(IToolRunner runner, string socket, int pid)
    {
        _runner = runner;
        Socket = socket;
        _pid = pid;
    }

    public string Socket { get; }

    public static async Task<SshAgent> StartAsync(IToolRunner runner, string socket, string privateKeyPath)
    {
        var started = await runner.RunAsync(new ToolCommand("ssh-agent", "-s", "-a", socket) { EchoOutput = false });
        var agent = new SshAgent(runner, socket, int.Parse(AgentPid().Match(started.Output).Groups[1].Value, CultureInfo.InvariantCulture));
        await runner.RunAsync(new ToolCommand("ssh-add", "-q", privateKeyPath)
        {
            EchoOutput = false,
            Environment = new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = socket },
        });
        return agent;
    }

    public async ValueTask DisposeAsync() =>
        await _runner.RunAsync(new ToolCommand("kill", _pid.ToString(CultureInfo.InvariantCulture)) { ThrowOnError = false, EchoOutput = false });

    [GeneratedRegex(@"SSH_AGENT_PID=(\d+)")]
    private static partial Regex AgentPid();
}
