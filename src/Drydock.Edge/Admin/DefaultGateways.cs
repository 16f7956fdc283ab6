using System.Globalization;
using System.Net;

namespace Drydock.Edge.Admin;

/// <summary>
/// The IPv4 default gateways of this network namespace, read from <c>/proc/net/route</c>. Inside a container on a Docker
/// bridge that is the bridge's address on the host, which is where connections to a published port come from (the
/// docker-proxy, or the host's NAT), and which no other container on the network has.
/// </summary>
public static class DefaultGateways
{
    public const string RouteTablePath = "/proc/net/route";

    public static IReadOnlyList<IPAddress> Read(string path = RouteTablePath) =>
        File.Exists(path) ? Parse(File.ReadAllLines(path)) : [];

    /// <summary>Lines of <c>Iface Destination Gateway Flags …</c>, addresses in little-endian hex; the default route has destination 0.</summary>
    public static IReadOnlyList<IPAddress> Parse(IEnumerable<string> lines)
    {
        var gateways = new List<IPAddress>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[1] != "00000000")
                continue;
            if (!uint.TryParse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var gateway) || gateway == 0)
                continue;
            var address = new IPAddress(BitConverter.GetBytes(gateway)); // the kernel prints the address in host (little-endian) order
            if (!gateways.Contains(address))
                gateways.Add(address);
        }
        return gateways;
    }
}
