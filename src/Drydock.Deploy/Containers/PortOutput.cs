using System.Globalization;

namespace Drydock.Deploy;

/// <summary>Reads <c>docker port</c> output: <c>127.0.0.1:49153</c> (and <c>[::1]:49153</c> on IPv6), one binding per line.</summary>
public static class PortOutput
{
    public static int? ParseHostPort(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var colon = line.Trim().LastIndexOf(':');
            if (colon > 0 && int.TryParse(line.Trim()[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
                return port;
        }
        return null;
    }
}
