using Drydock.Deploy;
using Drydock.Engine.Parameters;
using Drydock.Engine.Planning;

namespace Drydock.Build;

/// <summary>
/// The environment of this run, resolved once: .nuke/environments/&lt;environment&gt;.json read once, with the command
/// line over it, checked, and shared by every target and check (Deploy, Rollback, Promote, Status, History, Logs, the
/// Requires, Publish's health path). The parameters that override the file are declared with its keys in
/// <see cref="EnvironmentSettingTable"/>, so each has one name, type and description.
/// </summary>
public abstract partial class ServiceBuild : IDeclaresParameters
{
    public static IReadOnlyList<ParameterDeclaration> DeclaredParameters => EnvironmentSettingTable.Parameters;

    ParameterValues IDeclaresParameters.DeclaredValues { get; } = new();

    EnvironmentSettings? _settings;

    EnvironmentSettings Settings => _settings ??= EnvironmentSettings.Resolve(new EnvironmentSource(RootDirectory, Environment)
    {
        Parameters = name => name == nameof(Canary) ? CanaryShareParameter : Declared(name),
        Env = Env,
        SecretEnv = SecretEnv,
        ReadFile = ReadEnvironmentFile,
    });

    /// <summary>The file's text, or null when there is none; a test counts the calls (once per run).</summary>
    internal virtual string? ReadEnvironmentFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    /// <summary>The value of a parameter declared in <see cref="EnvironmentSettingTable"/>; null when no source gave one.</summary>
    object? Declared(string memberName) => ((IDeclaresParameters)this).DeclaredValues[memberName];

    string[] Env => Declared(nameof(Env)) as string[] ?? [];

    string[] SecretEnv => Declared(nameof(SecretEnv)) as string[] ?? [];

    string? Canary => Declared(nameof(Canary)) as string;

    /// <summary>The release's configuration: the file, then whatever the command line overrides.</summary>
    EnvironmentConfig EnvironmentConfig
    {
        get
        {
            _ = EnvironmentIsValid; // stops the build with every problem listed, exit code 2, when there is one
            return Settings.Config!;
        }
    }

    /// <summary>The registry of this run: the parameter, else the environment file's (a cluster's is usually there).</summary>
    string? RegistryOfRun => EnvironmentDockerHost.Where.Registry;

    /// <summary>The host-wide edge's settings: the file's keys, then whatever the command line overrides.</summary>
    EnvironmentHttps EnvironmentHttps => Settings.Https ?? throw new PlanningException($"Nothing was run: {Settings.HttpsProblem}");
}
