using System.Xml.Linq;

namespace Drydock.DotNet;

/// <summary>Counts from the TRX files dotnet test writes, so the build can state one line: "N passed, N failed".</summary>
public sealed record TestResults(int Passed, int Failed, int Skipped)
{
    /// <summary>A result's outcomes that fail the run; the counters carry the same names in lower case.</summary>
    static readonly string[] FailingOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

    /// <summary>The failed tests by name: a long log's tail rarely shows which one it was.</summary>
    public IReadOnlyList<string> FailedTests { get; init; } = [];

    public static TestResults FromTrx(string path)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var document = XDocument.Load(path);
        var counters = document.Descendants(ns + "Counters").FirstOrDefault()
            ?? throw new InvalidDataException($"{path} has no test counters: is it a TRX file?");
        int Count(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
        var failedTests = document.Descendants(ns + "UnitTestResult")
            .Where(r => FailingOutcomes.Contains(r.Attribute("outcome")?.Value))
            .Select(r => Describe(r.Attribute("testName")?.Value ?? "(unnamed)", r.Descendants(ns + "Message").FirstOrDefault()?.Value))
            .ToList();
        return new(Count("passed"), FailingOutcomes.Sum(outcome => Count(outcome.ToLowerInvariant())), Count("notExecuted"))
        {
            FailedTests = failedTests,
        };
    }

    /// <summary>"Name (first line of its message, cut at 200 characters)": the message is far above the log's tail.</summary>
    static string Describe(string name, string? message)
    {
        var first = message?.Split('\n', 2)[0].Trim() ?? "";
        return first.Length == 0 ? name : $"{name} ({(first.Length > 200 ? first[..200] + "…" : first)})";
    }

    /// <summary>How long the run took (its Times start to finish), or null when the file is missing, unreadable or has no times.</summary>
    public static TimeSpan? DurationOf(string path)
    {
        try
        {
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            var times = File.Exists(path) ? XDocument.Load(path).Descendants(ns + "Times").FirstOrDefault() : null;
            return DateTimeOffset.TryParse(times?.Attribute("start")?.Value, System.Globalization.CultureInfo.InvariantCulture, out var start)
                && DateTimeOffset.TryParse(times?.Attribute("finish")?.Value, System.Globalization.CultureInfo.InvariantCulture, out var finish)
                && finish >= start
                    ? finish - start
                    : null;
        }
        catch (System.Xml.XmlException)
        {
            return null; // a file cut short by a killed run: as if never measured
        }
    }

    public static TestResults operator +(TestResults a, TestResults b) =>
        new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped) { FailedTests = [.. a.FailedTests, .. b.FailedTests] };

    public int Total => Passed + Failed + Skipped;

    /// <summary>The plain closing line CI readers understand.</summary>
    public override string ToString() => $"{Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "");
}
