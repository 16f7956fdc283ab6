using System.Globalization;
using Drydock.Docker;
using Drydock.Registry;

namespace Drydock.Build;

/// <summary>
/// Which registry port a remote host needs forwarded back to the runner. A registry on the runner's loopback (the
/// embedded one when no --registry is given, or any <c>127.0.0.1:port</c> / <c>localhost:port</c> one) is only reachable
/// from the host through the run's SSH connection: its port is reverse-forwarded on the host's 127.0.0.1, so the
/// same <c>127.0.0.1:port/app@sha256:…</c> pulls on both sides. Any other registry the host reaches by itself.
/// </summary>
public static class RegistryReverseForward
{
    public static SshReverseForward? For(string? registry)
    {
        var address = registry is { Length: > 0 } given ? Versioning.RegistryAddress.Parse(given).Value : LocalRegistry.DefaultAddress;
        var host = address.Split('/')[0];
        var colon = host.LastIndexOf(':');
        if (colon < 0 || host[..colon] is not ("127.0.0.1" or "localhost"))
            return null;
        return int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? SshReverseForward.SamePort(port)
            : null;
    }
}
