using Drydock.Deploy;
using Drydock.Docker;
using Drydock.Engine.Parameters;
using Drydock.Engine.Targets;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    [Parameter("Logs: keep printing new lines until Ctrl-C")]
    protected readonly bool Follow;

    [Parameter("Logs: only lines newer than this, e.g. 10m or 2026-01-01T10:00:00Z")]
    protected readonly string? Since;

    [Parameter("Logs: how many lines from the end (default 100; 0 with --follow: only new ones)")]
    protected readonly int? Tail;

    [Parameter("Logs: a retained release's version instead of the serving one", Name = "Release")]
    protected readonly string? LogRelease;

    [Parameter("Logs: the edge's access log instead of the release's")]
    protected readonly bool Edge;

    [Parameter("Logs: the lines as the container wrote them (no JSON formatting)")]
    protected readonly bool Raw;

    public Target Logs => _ => _
        .Description("The serving release's logs for --environment (local or --host): --follow, --since 10m, --tail N, --release V, --edge, --raw; secrets masked")
        .Requires(() => EnvironmentIsValid && HostIsValid) // the host is read from the same file: asked once it parses
        .Executes(async ct =>
        {
            var engine = await EnvironmentEngineAsync(ct);
            var id = await EnvironmentNaming.ResolveAsync(engine, new EnvironmentId(Release.Name.Value, Environment), ct);
            var releases = await new EnvironmentContainers(engine).ListAsync(id, ContainerRole.Release, ct);
            var container = LogTarget.Choose(id, releases, LogRelease, Edge);
            // The environment's secret values are masked like the build's own: a service that logs one shows *****.
            foreach (var name in EnvironmentConfig.SecretEnv)
                Secrets.Add(System.Environment.GetEnvironmentVariable(name));
            var settings = new DockerLogsSettings(container) { Follow = Follow, Since = Since, Tail = Tail ?? 100 };
            var exit = await LogStream.RunAsync(engine, settings, line => Console.WriteLine(Secrets.Apply(ServiceLogLine.Format(line, Raw))), ct);
            if (exit != 0 && !ct.IsCancellationRequested)
                throw new InvalidOperationException($"docker logs {container} failed (exit code {exit}); see the lines above.");
        });
}
