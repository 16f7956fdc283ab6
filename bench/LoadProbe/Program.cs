// LoadProbe: the load side of bench/zero-downtime.sh.
//   LoadProbe run --url http://127.0.0.1:P/version [--connections 8] [--warmup 3] [--settle 5] [--label NAME]
//                 [--expect-version V] [--out FILE.json] [--command-log FILE] -- command args...
//       Load starts; after the warm-up the command runs; after it exits the load goes on for the settle time, then stops.
//       Writes the phase's numbers as JSON and prints one line. Exit code 0 unless the probe itself failed.
//   LoadProbe report [--out summary.json] [--check "description=true|false"]... phase.json...
//       Prints the table of several phases and the goals (0 failures for deploy, rollback and unhealthy deploy;
//       rollback answering within 3 s; a no-change deploy under 5 s), and writes them together as JSON.
using System.Diagnostics;
using System.Text.Json;
using LoadProbe;

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
try
{
    return args.FirstOrDefault() switch
    {
        "run" => await RunAsync(ProbeOptions.Parse(args[1..]), Option(args, "--command-log")),
        "report" => Report(args[1..]),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"LoadProbe: {e.Message}");
    return 2;
}

async Task<int> RunAsync(ProbeOptions options, string? commandLog)
{
    using var stop = new CancellationTokenSource();
    var load = new LoadRun(options);
    var running = load.StartAsync(stop.Token);
    await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));

    var start = new ProcessStartInfo(options.Command[0]) { UseShellExecute = false, RedirectStandardOutput = commandLog is not null, RedirectStandardError = commandLog is not null };
    foreach (var argument in options.Command.Skip(1))
        start.ArgumentList.Add(argument);
    var commandStart = load.NowMs;
    using var process = Process.Start(start) ?? throw new ArgumentException($"could not start {options.Command[0]}");
    await using var log = commandLog is null ? null : new StreamWriter(commandLog, append: true);
    var copies = log is null ? Task.CompletedTask : Task.WhenAll(Copy(process.StandardOutput, log), Copy(process.StandardError, log));
    await process.WaitForExitAsync();
    var commandEnd = load.NowMs;
    await copies;

    await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
    stop.Cancel();
    await running;

    var report = Analysis.Analyze(options, load.Samples, commandStart, commandEnd, process.ExitCode);
    if (options.Output is { } output)
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(report, json));
    Console.WriteLine($"{report.Label}: {report.Requests} requests, {report.Failed} failed, longest gap {report.LongestGapMs} ms, command {report.CommandWallMs} ms (exit {report.CommandExitCode})"
        + (report.ExpectVersion is null ? "" : $", {report.ExpectVersion} answered after {report.ExpectedVersionAfterMs?.ToString() ?? "never"} ms"));
    return 0;
}

static async Task Copy(StreamReader from, StreamWriter to)
{
    while (await from.ReadLineAsync() is { } line)
        lock (to)
            to.WriteLine(line);
}

int Report(string[] arguments)
{
    var output = Option(arguments, "--out");
    // --check "description=true|false": a goal the script checked itself (e.g. that a no-change deploy changed nothing).
    var checks = arguments.Select((a, i) => (a, i)).Where(p => p.a == "--check" && p.i + 1 < arguments.Length)
        .Select(p => arguments[p.i + 1]).Select(c => (Text: c[..c.LastIndexOf('=')], Met: c[(c.LastIndexOf('=') + 1)..] == "true"))
        .Select(c => new Goal(c.Text, c.Met, c.Met ? "yes" : "no")).ToList();
    var files = arguments.Where((a, i) => a is not ("--out" or "--check") && (i == 0 || arguments[i - 1] is not ("--out" or "--check"))).ToList();
    var phases = files.Select(f => JsonSerializer.Deserialize<PhaseReport>(File.ReadAllText(f), json)!).ToList();
    var goals = Goals.Evaluate(phases).Concat(checks).ToList();
    Console.WriteLine(ReportTable.Render(phases));
    foreach (var goal in goals)
        Console.WriteLine($"{(goal.Met ? "PASS" : "FAIL")}  {goal.Description}: {goal.Measured}");
    if (output is not null)
        File.WriteAllText(output, JsonSerializer.Serialize(new { generatedAt = DateTimeOffset.UtcNow, phases, goals }, json));
    return 0;
}

static string? Option(string[] arguments, string name)
{
    var separator = Array.IndexOf(arguments, "--");
    var index = Array.IndexOf(arguments, name);
    return index >= 0 && (separator < 0 || index < separator) && index + 1 < arguments.Length ? arguments[index + 1] : null;
}

static int Usage()
{
    Console.Error.WriteLine("usage: LoadProbe run --url URL [options] -- command...   |   LoadProbe report [--out FILE] phase.json...");
    return 2;
}
