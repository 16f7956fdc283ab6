using System.Diagnostics;
using System.Runtime.InteropServices;
using Drydock.Engine.Arguments;
using Drydock.Engine.Execution;
using Drydock.Engine.Output;
using Drydock.Engine.Parameters;
using Drydock.Engine.Planning;
using Drydock.Engine.Targets;
using Drydock.Engine.Tooling;

namespace Drydock.Engine;

/// <summary>From a command line to an exit code: parse, resolve parameters, plan, check, run, summarise.</summary>
public static class BuildHost
{
    public const int Success = 0, Failure = 1, InvalidInvocation = 2, Aborted = 130;

    public static int Run<T>(string[] args, Func<T, Target> defaultTarget, TextWriter? output = null) where T : DrydockBuild, new()
    {
        var masker = new SecretMasker();
        var writer = output ?? Console.Out;
        try
        {
            var parameters = ParameterMember.Discover(typeof(T));
            var invocation = CommandLineParser.Parse(args, parameters);
            var log = new ConsoleBuildLog(masker, invocation.Verbosity, output);
            Log.Current = log;

            var build = new T { RootDirectory = FindRoot(invocation.Root), Secrets = masker };
            build.Tools = new ProcessToolRunner(log, masker);
            Resolve(build, parameters, invocation, masker, log);
            build.OnBuildInitialized();

            var graph = TargetGraph.FromBuild(build, b => defaultTarget((T)b));
            if (invocation.Help)
            {
                // As NUKE does: the schema editors validate .nuke/parameters*.json with, kept in step with the build.
                ParameterSchema.Write(Path.Combine(build.RootDirectory, ".nuke"), ParameterSchema.Render(parameters, graph.Nodes.Select(n => n.Name)));
                writer.Write(HelpText.Render(graph, parameters, build));
                return Success;
            }

            var plan = ExecutionPlanner.Plan(graph, Invoked(graph, invocation), Skipped(graph, invocation));
            if (invocation.Plan)
            {
                var path = Path.Combine(build.TemporaryDirectory, "plan.html");
                Directory.CreateDirectory(build.TemporaryDirectory);
                File.WriteAllText(path, PlanRenderer.Render(graph, plan));
                writer.WriteLine($"Execution plan written to {path}");
                return Success;
            }
            RequirementCheck.Verify(plan, parameters);
            try
            {
                return Execute(plan, log, writer, masker);
            }
            finally
            {
                build.OnBuildFinished();
            }
        }
        catch (Exception e) when (e is ParameterException or PlanningException)
        {
            writer.WriteLine(masker.Apply("error: " + e.Message));
            return InvalidInvocation;
        }
    }

    private static int Execute(IReadOnlyList<PlannedTarget> plan, IBuildLog log, TextWriter writer, SecretMasker masker)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl-C stops the running tool and reports Aborted; a second one ends the process at once.
            if (cancellation.IsCancellationRequested)
                return;
            e.Cancel = true;
            log.Write(LogLevel.Warning, "Cancelling: stopping the running tool…");
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });

        var stopwatch = Stopwatch.StartNew();
        var outcomes = new BuildExecutor(log).RunAsync(plan, cancellation.Token).GetAwaiter().GetResult();
        Console.CancelKeyPress -= onCancel;
        writer.WriteLine();
        writer.WriteLine(masker.Apply(SummaryTable.Render(outcomes, stopwatch.Elapsed)));
        return outcomes.Any(o => o.Status == TargetStatus.Aborted) ? Aborted
            : SummaryTable.Failed(outcomes) ? Failure
            : Success;
    }

    private static void Resolve(DrydockBuild build, IReadOnlyList<ParameterMember> parameters, Invocation invocation, SecretMasker masker, IBuildLog log)
    {
        // First file wins: the last profile given, then the earlier ones, then parameters.json, as in NUKE.
        var files = new List<ParameterFile>();
        foreach (var profile in invocation.Profiles.Reverse())
        {
            var path = Path.Combine(build.RootDirectory, ".nuke", $"parameters.{profile}.json");
            if (!File.Exists(path))
            {
                var known = Directory.GetFiles(Path.Combine(build.RootDirectory, ".nuke"), "parameters.*.json").Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length]);
                throw new ParameterException($"--profile {profile}: {path} does not exist.{Suggestions.DidYouMean(profile, known)} Create it, or pick one of: {string.Join(", ", known.DefaultIfEmpty("(none)"))}.");
            }
            files.Add(ParameterFile.Load(path));
        }
        var defaults = Path.Combine(build.RootDirectory, ".nuke", "parameters.json");
        if (File.Exists(defaults))
            files.Add(ParameterFile.Load(defaults));

        var origins = ParameterResolver.Resolve(build, parameters, new ParameterSources(invocation.Parameters, Environment.GetEnvironmentVariable, files));
        foreach (var warning in ParameterResolver.DeprecationWarnings(parameters, Environment.GetEnvironmentVariable))
            log.Write(LogLevel.Warning, warning);
        foreach (var secret in parameters.Where(p => p.IsSecret))
        {
            masker.Add(secret.GetValue(build) as string);
            if (!origins.TryGetValue(secret, out var origin))
                continue;
            if (origin == "command line")
                log.Write(LogLevel.Warning, $"{secret.CommandLineName} was given on the command line, where other processes can read it. Set {secret.EnvironmentName} instead.");
            else if (files.FirstOrDefault(f => Path.GetFileName(f.Path) == origin) is { } file && CommittedSecrets.TrackedByGit(build.Tools, build.RootDirectory, file.Path))
                log.Write(LogLevel.Warning, CommittedSecrets.Warning(secret, Path.GetRelativePath(build.RootDirectory, file.Path).Replace('\\', '/')));
        }
        foreach (var (member, origin) in origins)
            log.Write(LogLevel.Debug, $"{member.CommandLineName} = {(member.IsSecret ? SecretMasker.Mask : ParameterValueConverter.Format(member.GetValue(build)))} (from {origin})");
    }

    private static List<TargetNode> Invoked(TargetGraph graph, Invocation invocation)
    {
        if (invocation.Targets.Count == 0)
            return graph.Default is { } fallback ? [fallback] : [];
        return invocation.Targets.Select(name => Find(graph, name, "target")).Distinct().ToList();
    }

    private static List<TargetNode>? Skipped(TargetGraph graph, Invocation invocation) =>
        invocation.Skip?.Select(name => Find(graph, name, "--skip target")).ToList();

    private static TargetNode Find(TargetGraph graph, string name, string what) =>
        graph.Find(name) ?? throw new PlanningException(
            $"Unknown {what} '{name}'.{Suggestions.DidYouMean(name, graph.Nodes.Select(n => n.Name))} ./build.sh --help lists the targets.");

    /// <summary>--root, else the nearest folder above the working directory that has .nuke/.</summary>
    private static string FindRoot(string? root)
    {
        if (root is not null)
            return Directory.Exists(root) ? Path.GetFullPath(root) : throw new ParameterException($"--root {root}: no such folder.");
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                return dir.FullName;
        throw new ParameterException("Could not find the repository root: no folder above the working directory has .nuke/. Run from inside the repository or pass --root.");
    }
}
