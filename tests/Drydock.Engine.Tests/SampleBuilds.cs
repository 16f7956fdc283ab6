using Drydock.Engine;
using Drydock.Engine.Parameters;
using Drydock.Engine.Targets;

namespace Drydock.Engine.Tests;

/// <summary>A release chain like the real build, with switches that make targets fail or skip.</summary>
public sealed class ChainBuild : DrydockBuild
{
    public readonly List<string> Ran = [];
    public readonly HashSet<string> Fail = [];
    public bool PublishAllowed = true;
    public bool DeployDynamicAllowed = true;

    [Parameter("Where images go")] public string? Registry { get; set; }
    [Parameter("Registry password"), Secret] public readonly string? RegistryPassword;

    public Target Clean => _ => _.Description("Clean up").Before(Restore).Executes(() => Step(nameof(Clean)));
    public Target Restore => _ => _.Description("Restore").Executes(() => Step(nameof(Restore)));
    public Target Compile => _ => _.Description("Compile").DependsOn(Restore).Executes(() => Step(nameof(Compile)));
    public Target Test => _ => _.Description("Test").DependsOn(Compile).Executes(() => Step(nameof(Test)));
    public Target Publish => _ => _.DependsOn(Compile).After(Test).OnlyWhenStatic(() => PublishAllowed).Executes(() => Step(nameof(Publish)));
    public Target Push => _ => _.DependsOn(Publish).Requires(() => Registry).Executes(() => Step(nameof(Push)));
    public Target Deploy => _ => _.DependsOn(Push).Triggers(Notify).OnlyWhenDynamic(() => DeployDynamicAllowed).Executes(() => Step(nameof(Deploy)));
    public Target Notify => _ => _.Unlisted().Executes(() => Step(nameof(Notify)));
    public Target Report => _ => _.DependsOn(Test).ProceedAfterFailure().Executes(() => Step(nameof(Report)));
    public Target Cleanup => _ => _.After(Test, Report).AssuredAfterFailure().Executes(() => Step(nameof(Cleanup)));

    private void Step(string name)
    {
        Ran.Add(name);
        if (Fail.Contains(name))
            throw new InvalidOperationException($"{name} broke");
    }
}

public sealed class CycleBuild : DrydockBuild
{
    public Target A => _ => _.DependsOn(C);
    public Target B => _ => _.DependsOn(A);
    public Target C => _ => _.After(B);
    public Target D => _ => _;
}

public enum Flavour { Plain, Spicy }

public sealed class ParameterBuild : DrydockBuild
{
    [Parameter("Text")] public readonly string? RegistryUrl;
    [Parameter("Number")] public readonly int Retries = 3;
    [Parameter("Flag")] public readonly bool AllowDirty;
    [Parameter("Enum")] public readonly Flavour Flavour = Flavour.Plain;
    [Parameter("Duration")] public readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(2);
    [Parameter("List")] public readonly string[] Env = [];
    [Parameter("Secret"), Secret] public readonly string? ApiToken;
    [Parameter("Property")] public string? Channel { get; } = "stable";

    public readonly List<string> Seen = [];

    public Target Show => _ => _.Description("Logs the secret").Executes(() =>
    {
        Seen.Add(RegistryUrl ?? "");
        Drydock.Engine.Output.Log.Information($"token is {ApiToken}");
    });
}

/// <summary>Driven end to end through BuildHost; everything it varies comes from parameters, as in a real build.</summary>
public sealed class HostBuild : DrydockBuild
{
    [Parameter("Targets that throw")] public readonly string[] SampleFail = [];
    [Parameter("Must be set for Ship")] public readonly string? SampleRegistry;
    [Parameter("A token"), Secret] public readonly string? SampleToken;

    public Target Compile => _ => _.Description("Compiles").Executes(() => Step(nameof(Compile)));
    public Target Test => _ => _.Description("Tests").DependsOn(Compile).Executes(() => Step(nameof(Test)));
    public Target Ship => _ => _.Description("Ships").DependsOn(Test).Requires(() => SampleRegistry).Executes(() => Step(nameof(Ship)));
    public Target Cleanup => _ => _.Description("Cleans").After(Ship).AssuredAfterFailure().Executes(() => Step(nameof(Cleanup)));
    public Target Hidden => _ => _.Unlisted().Executes(() => { });

    private void Step(string name)
    {
        Drydock.Engine.Output.Log.Information($"running {name} with token {SampleToken}");
        if (SampleFail.Contains(name))
            throw new InvalidOperationException($"{name} broke (token {SampleToken})");
    }
}

/// <summary>Parameters declared as data beside a [Parameter] field: the engine must treat both alike.</summary>
public sealed class DeclaredBuild : DrydockBuild, IDeclaresParameters
{
    [Parameter("A field")] public readonly string? Plain;

    public static IReadOnlyList<ParameterDeclaration> DeclaredParameters { get; } =
    [
        new("HostPort", typeof(int?), "Declared number"),
        new("Hosts", typeof(string[]), "Declared list"),
        new("DeployToken", typeof(string), "Declared secret") { IsSecret = true },
    ];

    public ParameterValues DeclaredValues { get; } = new();
}
