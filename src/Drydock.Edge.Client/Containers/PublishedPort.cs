using System.Globalization;

namespace Drydock.Edge.Client;

/// <summary>Reads <c>docker port</c> output (<c>127.0.0.1:49153</c>, one line per binding, IPv6 as <c>[::1]:49153</c>).</summary>
public static class PublishedPort
{
    public static int? Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var colon = line.LastIndexOf(':');
            if (colon > 0 && int.TryParse(line[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
                return port;
        }
        return null;
    }
}
