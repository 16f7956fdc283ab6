using Drydock.Deploy;
using Drydock.Engine.Planning;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    /// <summary>
    /// For <c>Requires</c> on every target that reads --environment: the environment file, --env and --secret-env (and,
    /// when the target starts a release, that every secret is set on this runner) are checked before the first target of
    /// the plan runs, so a bad input fails the build with every problem listed (exit code 2) and nothing ran: no Compile,
    /// no image pushed. The check itself is <see cref="DeployInputs.Problems"/>, a pure function of these inputs.
    /// </summary>
    bool EnvironmentInputsAreValid(bool secretsNeeded)
    {
        var path = EnvironmentConfigFile.PathFor(RootDirectory, Environment);
        var inputs = new DeployInputs(path, File.Exists(path) ? File.ReadAllText(path) : null)
        {
            Env = Env,
            SecretEnv = SecretEnv,
            IsSet = secretsNeeded ? name => System.Environment.GetEnvironmentVariable(name) is not null : null,
            Overrides = WithOverrides,
        };
        var problems = inputs.Problems();
        if (problems.Count > 0)
            throw new PlanningException($"Nothing was run: the inputs of --environment {Environment} have {problems.Count} problem(s):"
                + System.Environment.NewLine + string.Join(System.Environment.NewLine, problems.Select(p => "  - " + p)));
        return true;
    }
}
