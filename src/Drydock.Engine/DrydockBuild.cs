using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Engine;

/// <summary>
/// Base class of a build: <c>class Build : DrydockBuild { public static int Main() => Execute&lt;Build&gt;(x => x.Test); }</c>.
/// Targets are <see cref="Targets.Target"/> properties; parameters are [Parameter] fields or properties.
/// </summary>
public abstract class DrydockBuild
{
    /// <summary>The repository root: the folder holding .nuke/.</summary>
    public string RootDirectory { get; internal set; } = Directory.GetCurrentDirectory();

    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");

    /// <summary>Scratch space that survives between runs but is never committed.</summary>
    public string TemporaryDirectory => Path.Combine(RootDirectory, ".nuke", "temp");

    /// <summary>Runs tools; refuses secrets on command lines and streams output into the target's log.</summary>
    public IToolRunner Tools { get; internal set; } = null!;

    public SecretMasker Secrets { get; internal set; } = new();

    public static bool IsServerBuild => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false";

    public static bool IsLocalBuild => !IsServerBuild;

    /// <summary>
    /// This run's parameter values as environment variables (DRYDOCK_REGISTRY_URL=…), so a child ./build.sh sees the same
    /// parameters without any of them, secrets included, appearing on its command line.
    /// </summary>
    protected IReadOnlyDictionary<string, string?> ParametersAsEnvironment(IReadOnlyCollection<string> except) =>
        Parameters.ParameterMember.Discover(GetType())
            .Where(p => !except.Contains(p.MemberName))
            .Select(p => (p.EnvironmentName, Value: p.GetValue(this)))
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.EnvironmentName, p => (string?)(p.Value is Array a
                ? string.Join(',', a.Cast<object?>().Select(Parameters.ParameterValueConverter.Format))
                : Parameters.ParameterValueConverter.Format(p.Value)));

    /// <summary>Called once the parameters are resolved, before the plan is made.</summary>
    protected internal virtual void OnBuildInitialized()
    {
    }

    /// <summary>Called once after the targets ran, whatever their outcome (not after a SIGKILL: what must not outlive a run is also cleaned by the next one).</summary>
    protected internal virtual void OnBuildFinished()
    {
    }

    protected static int Execute<T>(Func<T, Targets.Target> defaultTarget) where T : DrydockBuild, new() =>
        BuildHost.Run(Environment.GetCommandLineArgs().Skip(1).ToArray(), defaultTarget);

    protected static int Execute<T>(string[] args, Func<T, Targets.Target> defaultTarget) where T : DrydockBuild, new() =>
        BuildHost.Run(args, defaultTarget);
}
