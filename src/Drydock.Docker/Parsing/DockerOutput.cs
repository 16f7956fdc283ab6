using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Drydock.Docker;

/// <summary>Turns what the docker CLI prints into records. Pure functions, tested against captured output.</summary>
public static partial class DockerOutput
{
    public static IReadOnlyList<DockerImage> ParseImageInspect(string json) =>
        ParseArray(json).Select(image =>
        {
            var config = image.Child("Config");
            return new DockerImage(
                image.String("Id") ?? string.Empty,
                image.Strings("RepoTags"),
                image.Strings("RepoDigests"),
                config?.StringMap("Labels") ?? new Dictionary<string, string>(),
                ParseTimestamp(image.String("Created")))
            {
                User = config?.String("User") ?? string.Empty,
                Environment = config?.Strings("Env") ?? [],
            };
        }).ToArray();

    public static IReadOnlyList<ContainerSummary> ParsePs(IEnumerable<string> lines) =>
        ParseLines(lines).Select(line => new ContainerSummary(
            line.String("ID") ?? string.Empty,
            line.String("Names") ?? string.Empty,
            line.String("Image") ?? string.Empty,
            line.String("State") ?? string.Empty,
            line.String("Status") ?? string.Empty,
            ParseLabelList(line.String("Labels")))
        {
            Ports = line.String("Ports") ?? string.Empty,
            CreatedAt = line.String("CreatedAt") ?? string.Empty,
        }).ToArray();

    public static IReadOnlyList<VolumeSummary> ParseVolumeLs(IEnumerable<string> lines) =>
        ParseLines(lines).Select(line => new VolumeSummary(
            line.String("Name") ?? string.Empty,
            line.String("Driver") ?? string.Empty,
            ParseLabelList(line.String("Labels")))).ToArray();

    /// <summary>Reads <c>docker version --format '{{json .}}'</c>; the Server part is null when no engine answered.</summary>
    public static DockerVersion ParseVersion(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var server = root.Child("Server");
        return new DockerVersion(
            root.Child("Client")?.String("Version") ?? string.Empty,
            server?.String("Version"),
            server?.String("ApiVersion"));
    }

    public static IReadOnlyList<ContainerChange> ParseDiff(IEnumerable<string> lines) =>
        lines.Where(line => line.Length > 2 && line[1] == ' ')
            .Select(line => new ContainerChange(
                line[0] switch
                {
                    'A' => ContainerChangeKind.Added,
                    'D' => ContainerChangeKind.Deleted,
                    'C' => ContainerChangeKind.Changed,
                    _ => throw new FormatException($"Unexpected docker diff line '{line}'."),
                },
                line[2..]))
            .ToArray();

    /// <summary>Finds the digest in push output: <c>1.0: digest: sha256:… size: 528</c>.</summary>
    public static string? ParsePushDigest(IEnumerable<string> lines) =>
        lines.Select(line => PushDigest().Match(line)).LastOrDefault(match => match.Success)?.Groups[1].Value;

    /// <summary>
    /// Reads the <c>Labels</c> column of ps/volume ls: <c>a=1,b=2</c>. Docker joins with commas without escaping,
    /// so a part without '=' is taken to continue the previous value.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseLabelList(string? text)
    {
        var labels = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(text))
            return labels;
        string? lastKey = null;
        foreach (var part in text.Split(','))
        {
            var equals = part.IndexOf('=');
            if (equals > 0)
            {
                lastKey = part[..equals];
                labels[lastKey] = part[(equals + 1)..];
            }
            else if (lastKey is not null)
            {
                labels[lastKey] += "," + part;
            }
        }
        return labels;
    }

    /// <summary>Docker prints nanoseconds; .NET reads at most seven fractional digits. Absent, unreadable or <c>0001-01-01T00:00:00Z</c>: never (default).</summary>
    internal static DateTimeOffset ParseTimestamp(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return default;
        var trimmed = Fraction().Replace(text, match => match.Value[..Math.Min(8, match.Value.Length)]);
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : default;
    }

    private static JsonElement[] ParseArray(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray()
            : [document.RootElement.Clone()];
    }

    private static IEnumerable<JsonElement> ParseLines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex PushDigest();

    [GeneratedRegex(@"\.\d+")]
    private static partial Regex Fraction();
}
