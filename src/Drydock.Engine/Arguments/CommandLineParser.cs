using System.CommandLine;
using Drydock.Engine.Output;
using Drydock.Engine.Parameters;

namespace Drydock.Engine.Arguments;

/// <summary>Parses the command line with System.CommandLine: targets first, then engine options and the build's parameters.</summary>
public static class CommandLineParser
{
    public static Invocation Parse(IReadOnlyList<string> args, IReadOnlyList<ParameterMember> parameters)
    {
        var targets = new Argument<string[]>("targets") { Arity = ArgumentArity.ZeroOrMore };
        var target = new Option<string[]>("--target") { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var skip = new Option<string[]>("--skip") { Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var help = new Option<bool>("--help", "-h", "-?");
        var plan = new Option<bool>("--plan");
        var verbosity = new Option<string>("--verbosity", "-v");
        var root = new Option<string>("--root");
        var profile = new Option<string[]>("--profile") { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };

        var command = new Command("build") { targets, target, skip, help, plan, verbosity, root, profile };
        command.TreatUnmatchedTokensAsErrors = false;
        // Flags are Option<bool>, so "--allow-dirty PushImage" keeps PushImage a target; values stay text for the resolver.
        var parameterOptions = parameters.ToDictionary(p => p, Option (p) => p switch
        {
            { IsFlag: true } => new Option<bool>(p.CommandLineName),
            { IsList: true } => new Option<string[]>(p.CommandLineName) { Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true },
            _ => new Option<string>(p.CommandLineName),
        });
        foreach (var option in parameterOptions.Values)
            command.Options.Add(option);

        var result = command.Parse(args.ToArray());
        string[] targetNames = [.. result.GetValue(targets) ?? [], .. result.UnmatchedTokens, .. result.GetValue(target) ?? []];
        // Unknown options land among the positional targets; they are mistyped parameters, not targets.
        var unknown = targetNames.FirstOrDefault(t => t.StartsWith('-'));
        if (unknown is not null)
        {
            var known = parameters.Select(p => p.CommandLineName).Concat(EngineOption.All.Select(o => o.Name));
            throw new ParameterException($"Unknown option '{unknown}'.{Suggestions.DidYouMean(unknown, known)} ./build.sh --help lists the parameters.");
        }
        if (result.Errors.Count > 0)
            throw new ParameterException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));

        var verbosityText = result.GetValue(verbosity);
        return new Invocation
        {
            Targets = targetNames,
            Skip = result.GetResult(skip) is null ? null : result.GetValue(skip) ?? [],
            Help = result.GetValue(help),
            Plan = result.GetValue(plan),
            Verbosity = verbosityText is null ? Verbosity.Normal : ParseVerbosity(verbosityText),
            Root = result.GetValue(root),
            Profiles = result.GetValue(profile) ?? [],
            Parameters = parameterOptions
                .Where(p => result.GetResult(p.Value) is not null)
                .ToDictionary(p => ParameterNames.Canonical(p.Key.MemberName), p => RawValues(result, p.Value)),
        };
    }

    private static IReadOnlyList<string> RawValues(ParseResult result, Option option) => option switch
    {
        Option<bool> flag => [result.GetValue(flag) ? "true" : "false"],
        Option<string[]> list => result.GetValue(list) ?? [],
        Option<string> single => [result.GetValue(single) ?? ""],
        _ => [],
    };

    private static Verbosity ParseVerbosity(string text) =>
        Enum.GetNames<Verbosity>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase) || n[..1].Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<Verbosity>(name)
            : throw new ParameterException($"--verbosity expects one of quiet, minimal, normal, verbose, but got '{text}'.");
}
