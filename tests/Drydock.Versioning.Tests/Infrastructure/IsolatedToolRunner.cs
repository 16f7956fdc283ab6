using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Versioning.Tests.Infrastructure;

/// <summary>
/// The real process runner, with the CI variables GitVersion reads removed: run on a build server, these tests
/// must still version their own temporary repositories, not the branch the server is building.
/// </summary>
public sealed class IsolatedToolRunner : IToolRunner
{
    private static readonly string[] BuildServerVariables =
    [
        "GITHUB_ACTIONS", "GITHUB_REF", "GITHUB_HEAD_REF", "GITLAB_CI", "CI_COMMIT_REF_NAME", "TF_BUILD", "BUILD_SOURCEBRANCH",
        "JENKINS_URL", "GIT_BRANCH", "TEAMCITY_VERSION", "APPVEYOR", "BUILDKITE", "DRONE", "BITBUCKET_WORKSPACE",
        "CODEBUILD_WEBHOOK_HEAD_REF", "TRAVIS", "JB_SPACE_PROJECT_KEY",
    ];

    private readonly ProcessToolRunner _inner = new(new NullBuildLog(), new SecretMasker());

    public List<ToolCommand> Commands { get; } = [];

    public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default)
    {
        var environment = new Dictionary<string, string?>(command.Environment)
        {
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        foreach (var name in BuildServerVariables)
            environment[name] = null;
        lock (Commands)
            Commands.Add(command);
        return _inner.RunAsync(command with { Environment = environment }, cancellationToken);
    }

    private sealed class NullBuildLog : IBuildLog
    {
        public void Write(LogLevel level, string message) { }

        public void BeginGroup(string name) { }

        public void EndGroup() { }
    }
}
