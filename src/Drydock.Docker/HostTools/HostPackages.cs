using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Docker;

/// <summary>
/// Makes sure an executable exists: installs its Debian package when running as root on Debian (the CI and
/// developer machines), and otherwise fails with a message that says what to install.
/// </summary>
public static class HostPackages
{
    public static async Task<string> EnsureExecutableAsync(
        IToolRunner runner, IBuildLog log, string executable, string debianPackage, string purpose, CancellationToken cancellationToken = default)
    {
        if (HostSystem.FindExecutable(executable) is { } found)
            return found;
        if (!HostSystem.IsRoot || !HostSystem.IsDebian)
            throw new InvalidOperationException(
                $"'{executable}' is not on PATH; it is needed {purpose}. Install it (on Debian/Ubuntu: apt-get install {debianPackage}) and run the build again.");

        log.Write(LogLevel.Information, $"'{executable}' is missing; installing Debian package '{debianPackage}' ({purpose})");
        var apt = new AptGet(runner, log);
        await apt.UpdateAsync(cancellationToken);
        await apt.InstallAsync([debianPackage], cancellationToken);
        return HostSystem.FindExecutable(executable)
            ?? throw new InvalidOperationException($"Installed '{debianPackage}', but '{executable}' is still not on PATH.");
    }
}
