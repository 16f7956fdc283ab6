using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Registry;

/// <summary>
/// The registry Drydock pushes to when none is given: whatever answers on 127.0.0.1:5000, or Debian's
/// <c>docker-registry</c> started there in the background (installed first when root on Debian).
/// </summary>
public static class LocalRegistry
{
    public const string DefaultAddress = "127.0.0.1:5000";

    // Each authenticated request costs the registry one bcrypt check; for a loopback registry a low cost is enough.
    private const int HtpasswdWorkFactor = 6;

    /// <summary>Whether a registry answers at <paramref name="address"/> now; starts nothing.</summary>
    public static async Task<bool> AnswersAsync(string address, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        return await ProbeAsync(http, new Uri(RegistryEndpoint.ToBaseUri(address), "v2/"), cancellationToken) == Probe.Registry;
    }

    public static async Task<LocalRegistryInstance> EnsureRunningAsync(
        LocalRegistryOptions options, IToolRunner runner, IBuildLog log, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var v2 = new Uri(RegistryEndpoint.ToBaseUri(options.Address), "v2/");
        if (await AnsweringAsync(http, v2, options, runner, log, cancellationToken) is { } running)
            return running;

        // Two builds on one runner: the first starts it, the other waits, then finds it answering.
        using var machineLock = await MachineLock.AcquireAsync($"registry-{options.Address}", $"the registry at {options.Address}", log, cancellationToken);
        if (await AnsweringAsync(http, v2, options, runner, log, cancellationToken) is { } startedMeanwhile)
            return startedMeanwhile;

        var executable = await HostPackages.EnsureExecutableAsync(runner, log, "docker-registry", "docker-registry", "to run the local registry", cancellationToken);
        var work = Directory.CreateDirectory(Path.GetFullPath(options.WorkDirectory)).FullName;
        var config = WriteConfig(work, options);
        var logPath = Path.Combine(work, "registry.log");
        log.Write(LogLevel.Information, $"No registry answers at {options.Address}; starting {executable} in the background (data and log in {work})");
        var processId = await DetachedProcess.StartAsync(runner, logPath, executable, ["serve", config], work, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(work, "registry.pid"), processId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(5);
        while (await ProbeAsync(http, v2, cancellationToken) != Probe.Registry)
        {
            if (!HostSystem.IsProcessAlive(processId))
                throw new InvalidOperationException($"The registry (pid {processId}) exited before answering. Last lines of {logPath}:\n{DetachedProcess.Tail(logPath)}");
            if (clock.Elapsed > options.StartTimeout)
                throw new TimeoutException($"The registry (pid {processId}) did not answer at {options.Address} within {options.StartTimeout.TotalSeconds:0}s. Last lines of {logPath}:\n{DetachedProcess.Tail(logPath)}");
            if (clock.Elapsed > nextReport)
            {
                log.Write(LogLevel.Information, $"Waiting for the registry at {options.Address} ({clock.Elapsed.TotalSeconds:0}s)");
                nextReport += TimeSpan.FromSeconds(5);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        log.Write(LogLevel.Information,
            $"Registry answers at {options.Address} (pid {processId}, {clock.Elapsed.TotalSeconds:0.0}s)"
            + (options.RequiredCredentials is null ? string.Empty : $", requiring user '{options.RequiredCredentials.Username}'"));
        return new LocalRegistryInstance(options.Address, processId, runner);
    }

    /// <summary>The registry that answers at the address (started by no one here), null when nothing answers.</summary>
    private static async Task<LocalRegistryInstance?> AnsweringAsync(HttpClient http, Uri v2, LocalRegistryOptions options, IToolRunner runner, IBuildLog log, CancellationToken cancellationToken)
    {
        var address = options.Address;
        switch (await ProbeAsync(http, v2, cancellationToken))
        {
            case Probe.Registry:
                // One started earlier with other credentials (or none) would refuse the push later, with a less clear error.
                if (options.RequiredCredentials is { } credentials && !await RequiresAsync(http, v2, credentials, cancellationToken))
                    throw new InvalidOperationException($"A registry already answers at {address}, but it does not require exactly user '{credentials.Username}' with this password (started earlier with other credentials, or none). Stop it or name another address.");
                log.Write(LogLevel.Information, $"A registry already answers at {address}; using it");
                return new LocalRegistryInstance(address, null, runner);
            case Probe.SomethingElse:
                throw new InvalidOperationException($"Something that is not a registry answers at {v2}. Free {address} or name another registry.");
            default:
                return null;
        }
    }

    private static string WriteConfig(string work, LocalRegistryOptions options)
    {
        string? htpasswd = null;
        if (options.RequiredCredentials is { } credentials)
        {
            htpasswd = Path.Combine(work, "htpasswd");
            WritePrivate(htpasswd, Htpasswd.Line(credentials, HtpasswdWorkFactor) + "\n");
        }
        var path = Path.Combine(work, "config.yml");
        var storage = Directory.CreateDirectory(Path.Combine(work, "storage")).FullName;
        // The http secret signs upload state; a fresh random one per start is fine for a single instance.
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        WritePrivate(path, LocalRegistryConfig.Render(storage, options.Address, secret, htpasswd));
        return path;
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private enum Probe
    {
        Nothing,
        Registry,
        SomethingElse,
    }

    /// <summary>Whether the registry refuses an anonymous client and accepts <paramref name="credentials"/>.</summary>
    private static async Task<bool> RequiresAsync(HttpClient http, Uri v2, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        using var anonymous = await http.GetAsync(v2, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, v2);
        request.Headers.Authorization = credentials.BasicHeader();
        using var authenticated = await http.SendAsync(request, cancellationToken);
        return anonymous.StatusCode == HttpStatusCode.Unauthorized && authenticated.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<Probe> ProbeAsync(HttpClient http, Uri v2, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(v2, cancellationToken);
            var isRegistry = response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized
                && response.Headers.Contains("Docker-Distribution-API-Version");
            return isRegistry ? Probe.Registry : Probe.SomethingElse;
        }
        catch (HttpRequestException)
        {
            return Probe.Nothing;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Probe.Nothing;
        }
    }
}
