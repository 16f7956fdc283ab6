using System.Globalization;
using System.Text.RegularExpressions;

namespace Drydock.Docker;

/// <summary>
/// Picks the runtime a project's base carries, or refuses the project with the property and the fix. The SDK's own
/// major comes from the SDK; older majors back to <see cref="OldestPackMajor"/> from the runtime packs the feed serves.
/// </summary>
public static partial class RuntimeDecision
{
    /// <summary>The oldest major whose linux-x64 runtime packs the feed serves (net6.0 and net7.0 have none there).</summary>
    public const int OldestPackMajor = 8;

    public static (AppRuntime? Runtime, string? Refusal) Decide(RuntimeRequest request, int sdkMajor)
    {
        var name = Path.GetFileName(request.Project);
        if (request.TargetFrameworks.Count == 0)
            return (null, $"{name} names no TargetFramework, so Drydock cannot tell which runtime it runs on. Add <TargetFramework>net{sdkMajor}.0</TargetFramework>.");
        var problems = request.TargetFrameworks.Select(tfm => (tfm, problem: Problem(name, tfm, sdkMajor))).ToArray();
        string framework;
        if (request.Framework is { Length: > 0 } asked)
        {
            framework = request.TargetFrameworks.FirstOrDefault(t => t.Equals(asked, StringComparison.OrdinalIgnoreCase))
                ?? string.Empty;
            if (framework.Length == 0)
                return (null, $"--framework {asked} is not a target of {name} (TargetFrameworks: {string.Join(";", request.TargetFrameworks)}). Pass one of those, or leave --framework out for the newest.");
        }
        else
        {
            var usable = problems.Where(p => p.problem is null).Select(p => p.tfm).ToArray();
            if (usable.Length == 0)
                return (null, problems[0].problem);
            framework = usable.OrderByDescending(t => Major(t)).First();
        }
        if (problems.Single(p => p.tfm == framework).problem is { } refusal)
            return (null, refusal);

        var major = Major(framework)!.Value;
        if (request.SelfContained || request.PublishAot)
            return (new AppRuntime(framework, major, RuntimeSource.None), null);
        if (string.Equals(request.RollForward, "Disable", StringComparison.OrdinalIgnoreCase) && request.RuntimeFrameworkVersion is null)
            return (null, $"{name} sets RollForward to Disable without a RuntimeFrameworkVersion, so it runs only on {major}.0.0, which no base carries. "
                + "Set <RuntimeFrameworkVersion> to the patch to run on, or remove <RollForward>.");
        var source = major == sdkMajor && request.RuntimeFrameworkVersion is null ? RuntimeSource.Sdk : RuntimeSource.Packs;
        return (new AppRuntime(framework, major, source) { RuntimeFrameworkVersion = request.RuntimeFrameworkVersion }, null);
    }

    /// <summary>Why one target framework cannot run in a Drydock base, or null when it can.</summary>
    private static string? Problem(string project, string tfm, int sdkMajor)
    {
        var match = NetCoreApp().Match(tfm);
        if (!match.Success)
            return $"{project} targets {tfm} (TargetFramework), which is not .NET {OldestPackMajor} or later: .NET Framework and netstandard libraries have no Linux runtime to run in a container. "
                + $"Retarget the app to net{sdkMajor}.0 (or net{OldestPackMajor}.0 and later).";
        if (match.Groups["platform"].Success)
            return match.Groups["platform"].Value.StartsWith("windows", StringComparison.OrdinalIgnoreCase)
                ? $"{project} targets {tfm} (TargetFramework), which runs only on Windows; Drydock builds Linux containers. Target {match.Groups["tfm"].Value} instead."
                : $"{project} targets {tfm} (TargetFramework), a platform-specific framework; Drydock builds Linux containers. Target {match.Groups["tfm"].Value} instead.";
        var major = Major(tfm)!.Value;
        if (major > sdkMajor)
            return $"{project} targets {tfm} (TargetFramework), newer than the SDK building it (.NET {sdkMajor}). Install a .NET {major} SDK and name it in global.json, or target net{sdkMajor}.0.";
        if (major < OldestPackMajor)
            return $"{project} targets {tfm} (TargetFramework): the feed serves no linux-x64 runtime pack for .NET {major}, so no base can carry its runtime. "
                + $"Retarget to net{OldestPackMajor}.0 or later (net{sdkMajor}.0 uses the SDK's own runtime).";
        return null;
    }

    private static int? Major(string tfm) =>
        NetCoreApp().Match(tfm) is { Success: true } match ? int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture) : null;

    // net5.0 and later; netcoreapp3.1 parses too (major 3) and is refused for its age, not its name.
    [GeneratedRegex(@"^(?<tfm>net(?:coreapp)?(?<major>\d+)\.\d+)(?:-(?<platform>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex NetCoreApp();
}
