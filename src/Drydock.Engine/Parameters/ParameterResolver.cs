namespace Drydock.Engine.Parameters;

/// <summary>
/// Fills a build's parameters from the first source that has a value: the command line, the environment, then the
/// files in the order given (the build host puts the profiles before parameters.json, so a profile overrides it).
/// </summary>
public static class ParameterResolver
{
    /// <returns>For each parameter that got a value, where it came from (for --verbosity verbose and error messages).</returns>
    public static IReadOnlyDictionary<ParameterMember, string> Resolve(object build, IReadOnlyList<ParameterMember> members, ParameterSources sources)
    {
        RejectUnknownFileKeys(members, sources.Files);
        var origins = new Dictionary<ParameterMember, string>();
        foreach (var member in members)
        {
            var origin = ResolveOne(build, member, sources);
            if (origin is not null)
                origins[member] = origin;
        }
        return origins;
    }

    private static string? ResolveOne(object build, ParameterMember member, ParameterSources sources)
    {
        string Describe(string origin) => $"Parameter {member.CommandLineName} (from {origin})";

        if (sources.CommandLine.TryGetValue(ParameterNames.Canonical(member.MemberName), out var cli))
        {
            member.SetValue(build, ParameterValueConverter.FromText(member.Type, cli, () => Describe("the command line")));
            return "command line";
        }

        // CI systems pass an unset variable as an empty one (GitHub's ${{ vars.HOST }}): empty means not given, so the
        // next source (parameters.json, the environment file) still decides instead of an empty value overriding it.
        // The prefixed name wins; the unprefixed one is read only when it is not set (DeprecationWarnings says so).
        foreach (var name in new[] { member.EnvironmentName, member.DeprecatedEnvironmentName }.OfType<string>())
        {
            var environment = sources.Environment(name);
            if (string.IsNullOrWhiteSpace(environment))
                continue;
            member.SetValue(build, ParameterValueConverter.FromText(member.Type, [environment], () => Describe($"environment variable {name}")));
            return $"environment variable {name}";
        }

        foreach (var file in sources.Files)
        {
            var key = file.Values.Keys.FirstOrDefault(k => ParameterNames.Canonical(k) == ParameterNames.Canonical(member.MemberName));
            if (key is null)
                continue;
            member.SetValue(build, ParameterValueConverter.FromJson(member.Type, file.Values[key], () => Describe(Path.GetFileName(file.Path))));
            return Path.GetFileName(file.Path);
        }
        return null;
    }

    /// <summary>One warning per unprefixed variable that is set: renamed, or ignored because the prefixed one is set too.</summary>
    public static IReadOnlyList<string> DeprecationWarnings(IReadOnlyList<ParameterMember> members, Func<string, string?> environment) =>
        [.. members
            .Where(m => m.DeprecatedEnvironmentName is { } old && !string.IsNullOrWhiteSpace(environment(old)))
            .Select(m => string.IsNullOrWhiteSpace(environment(m.EnvironmentName))
                ? $"{m.DeprecatedEnvironmentName} is deprecated: rename it {m.EnvironmentName} (unprefixed names are read for a while, with this warning)."
                : $"{m.DeprecatedEnvironmentName} is ignored: {m.EnvironmentName} is set too and wins. Unset {m.DeprecatedEnvironmentName}.")];

    private static void RejectUnknownFileKeys(IReadOnlyList<ParameterMember> members, IReadOnlyList<ParameterFile> files)
    {
        var known = members.Select(m => ParameterNames.Canonical(m.MemberName)).ToHashSet();
        foreach (var file in files)
        foreach (var key in file.Values.Keys.Where(k => !known.Contains(ParameterNames.Canonical(k))))
            throw new ParameterException(
                $"{file.Path} sets '{key}', which is not a parameter of this build.{Suggestions.DidYouMean(key, members.Select(m => m.MemberName))} ./build.sh --help lists them.");
    }
}
