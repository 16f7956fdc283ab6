using System.Text;
using System.Text.RegularExpressions;
using Drydock.Engine.Arguments;
using Drydock.Engine.Parameters;
using Drydock.Engine.Planning;
using Drydock.Engine.Targets;
using Drydock.Testing;

namespace Drydock.Build.Tests;

/// <summary>
/// Every <c>./build.sh</c> line of a fenced block in README.md and docs/*.md parses against the build users run
/// (<c>build/</c>'s <c>Build</c>, compiled into this project): known targets, known parameters, values of their type.
/// The engine's own parser, target graph and parameter resolver judge it, so the docs cannot drift from the code.
/// Nothing is planned: a plan evaluates static conditions, which ask the registry.
/// </summary>
public sealed partial class DocsCommandTests
{
    [Fact]
    public void Every_build_command_in_the_readme_and_docs_names_real_targets_and_parameters_with_values_of_their_type()
    {
        var commands = DocsCommands.InRepository(RepositoryRoot.Path);

        Assert.Contains(commands, c => c.File == "README.md" && c.Text == "./build.sh Deploy");
        Assert.Contains(commands, c => c.File == "README.md" && c.Text == "./build.sh Test IntegrationTest");
        Assert.Contains(commands, c => c.File.StartsWith("docs/", StringComparison.Ordinal));
        var problems = commands.Select(c => c.Problem() is { } problem ? $"{c.File}:{c.Line}: {c.Text}\n  {problem}" : null).OfType<string>().ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} of {commands.Count} documented commands would be refused:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("./build.sh Deplo", "Unknown target 'Deplo'. Did you mean 'Deploy'?")]
    [InlineData("./build.sh Deploy --registry-url 127.0.0.1:5000", "Unknown option '--registry-url'.")]
    [InlineData("./build.sh Deploy --host-port eighty", "expects a whole number, but got 'eighty'")]
    [InlineData("./build.sh Deploy --verify-for soon", "expects a duration")]
    [InlineData("./build.sh Deploy --strategy blue-green", "expects one of Edge, Replace")]
    [InlineData("./build.sh Deploy --skip Tset", "Unknown target 'Tset'. Did you mean 'Test'?")]
    [InlineData("./build.sh <target>", "Unknown target '<target>'")]
    [InlineData("cd ../x && ./build.ps1 Rollbak", "Unknown target 'Rollbak'")]
    public void A_wrong_command_in_a_fenced_block_is_named_with_its_file_line_and_why(string line, string why)
    {
        var markdown = $"# Page\n\n```bash\n./build.sh Deploy\n{line}   # a comment\n```\n\n`./build.sh Inline` outside a block is prose.\n";

        var commands = DocsCommands.InMarkdown("docs/page.md", markdown);

        Assert.Equal([4, 5], commands.Select(c => c.Line));
        Assert.Null(commands[0].Problem());
        Assert.Contains(why, commands[1].Problem());
    }

    [Theory]
    [InlineData("./build.sh Rollback --environment <name> --to-version <version>")]
    [InlineData("./build.sh Deploy --env <KEY=VALUE> --host-port 8090 --verify-for 10s --strategy replace")]
    [InlineData("CI=true ./build.sh Deploy --skip Test --allow-dirty")]
    [InlineData("./build.sh Deploy --smoke 'dotnet test tests/Smoke' --secret-env API_KEY")]
    [InlineData("./build.sh --help")]
    public void A_placeholder_stands_for_any_value_of_a_parameter_and_quotes_and_environment_prefixes_are_the_shell_s(string line)
    {
        var command = Assert.Single(DocsCommands.InMarkdown("README.md", $"```sh\n{line}\n```\n"));

        Assert.Null(command.Problem());
    }

    [Fact]
    public void A_command_continued_over_lines_is_checked_whole()
    {
        var command = Assert.Single(DocsCommands.InMarkdown("README.md", "```\n./build.sh Deploy \\\n  --host-port nope\n```\n"));

        Assert.Equal(2, command.Line);
        Assert.Contains("--host-port", command.Problem());
    }

    [Fact]
    public void Every_relative_link_of_the_readme_changelog_and_docs_points_at_a_file_that_exists()
    {
        var root = RepositoryRoot.Path;
        var pages = new[] { "README.md", "CHANGELOG.md" }.Select(f => Path.Combine(root, f))
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));
        var broken = pages
            .SelectMany(page => MarkdownLink().Matches(File.ReadAllText(page)).Select(m => (Page: page, Target: m.Groups["target"].Value)))
            .Where(link => !link.Target.Contains("://", StringComparison.Ordinal) && !link.Target.StartsWith('#'))
            .Where(link => !Path.Exists(Path.Combine(Path.GetDirectoryName(link.Page)!, link.Target.Split('#')[0])))
            .Select(link => $"{Path.GetRelativePath(root, link.Page)} links to {link.Target}, which does not exist")
            .ToList();

        Assert.True(broken.Count == 0, string.Join("\n", broken));
        Assert.Contains(pages, page => MarkdownLink().IsMatch(File.ReadAllText(page)));
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [Fact]
    public void The_readme_stays_a_front_page_and_the_environment_keys_region_is_there_for_the_generated_table()
    {
        Assert.InRange(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md")).Length, 1, 150);
        var environments = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "environments.md"));
        Assert.Contains("<!-- environment-keys:begin -->", environments);
        Assert.Contains("<!-- environment-keys:end -->", environments);
    }
}

/// <summary>One <c>./build.sh</c> (or <c>./build.ps1</c>) command found in a fenced block of a markdown file.</summary>
internal sealed record DocsCommand(string File, int Line, string Text, IReadOnlyList<string> Arguments)
{
    /// <summary>Why the real build would refuse this command line, or null when it accepts it.</summary>
    public string? Problem()
    {
        var parameters = ParameterMember.Discover(typeof(global::Build));
        var build = new global::Build();
        var graph = TargetGraph.FromBuild(build);
        try
        {
            var invocation = CommandLineParser.Parse(Arguments, parameters);
            foreach (var name in invocation.Targets.Concat(invocation.Skip ?? []))
                RequireTarget(graph, name);
            ParameterResolver.Resolve(build, parameters, new ParameterSources(WithoutPlaceholders(invocation.Parameters), _ => null, []));
            return null;
        }
        catch (Exception e) when (e is ParameterException or PlanningException)
        {
            return e.Message;
        }
    }

    private static void RequireTarget(TargetGraph graph, string name) =>
        _ = graph.Find(name) ?? throw new PlanningException($"Unknown target '{name}'.{Suggestions.DidYouMean(name, graph.Nodes.Select(n => n.Name))}");

    /// <summary>A value written <c>&lt;…&gt;</c> is a placeholder for any value the reader fills in; only the parameter's name is checked.</summary>
    private static Dictionary<string, IReadOnlyList<string>> WithoutPlaceholders(IReadOnlyDictionary<string, IReadOnlyList<string>> values) =>
        values.Select(p => (p.Key, Values: (IReadOnlyList<string>)p.Value.Where(v => !(v.StartsWith('<') && v.EndsWith('>'))).ToList()))
            .Where(p => p.Values.Count > 0 || values[p.Key].Count == 0)
            .ToDictionary(p => p.Key, p => p.Values);
}

/// <summary>Finds the build commands of fenced blocks and splits them into arguments as a POSIX shell would.</summary>
internal static class DocsCommands
{
    private static readonly string[] Launchers = ["./build.sh", "./build.ps1"];

    public static IReadOnlyList<DocsCommand> InRepository(string root)
    {
        var docs = Path.Combine(root, "docs");
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.Exists(docs) ? Directory.GetFiles(docs, "*.md").Order(StringComparer.Ordinal) : []);
        return files.SelectMany(f => InMarkdown(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f))).ToList();
    }

    public static IReadOnlyList<DocsCommand> InMarkdown(string file, string markdown)
    {
        var commands = new List<DocsCommand>();
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }
            if (!inFence)
                continue;
            var start = i;
            while (line.EndsWith('\\') && i + 1 < lines.Length)
                line = line[..^1] + " " + lines[++i].Trim();
            foreach (var segment in Segments(line))
                if (AfterAssignments(segment) is [var launcher, .. var arguments] && Launchers.Contains(launcher))
                    commands.Add(new DocsCommand(file, start + 1, string.Join(' ', segment), arguments));
        }
        return commands;
    }

    /// <summary>The line's simple commands (split at &amp;&amp;, ||, ; and |), each as its words; a # word starts a comment.</summary>
    private static List<List<string>> Segments(string line)
    {
        var segments = new List<List<string>> { new() };
        var word = new StringBuilder();
        var inWord = false;
        void EndWord()
        {
            if (inWord)
                segments[^1].Add(word.ToString());
            word.Clear();
            inWord = false;
        }
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '#' && !inWord)
                break;
            if (char.IsWhiteSpace(c))
                EndWord();
            else if (c is ';' or '|' or '&')
            {
                EndWord();
                if (i + 1 < line.Length && line[i + 1] == c)
                    i++;
                segments.Add([]);
            }
            else if (c is '\'' or '"')
            {
                var close = line.IndexOf(c, i + 1);
                word.Append(close < 0 ? line[(i + 1)..] : line[(i + 1)..close]);
                i = close < 0 ? line.Length : close;
                inWord = true;
            }
            else
            {
                if (c == '\\' && i + 1 < line.Length)
                    c = line[++i];
                word.Append(c);
                inWord = true;
            }
        }
        EndWord();
        return segments.Where(s => s.Count > 0).ToList();
    }

    /// <summary>Drops leading NAME=value words, as in <c>CI=true ./build.sh …</c>.</summary>
    private static List<string> AfterAssignments(List<string> words) =>
        words.SkipWhile(w => w.IndexOf('=') > 0 && w[..w.IndexOf('=')].All(ch => char.IsLetterOrDigit(ch) || ch == '_')).ToList();
}
