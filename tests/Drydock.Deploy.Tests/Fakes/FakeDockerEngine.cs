using System.Globalization;
using System.Text.Json;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy.Tests;

/// <summary>
/// A docker CLI simulated in memory, enough for deploy flows: create/start/stop/rm, container inspect, ps by label,
/// port, logs, volumes, image inspect, pull, diff. Every command is recorded, so tests assert on what was run.
/// </summary>
internal sealed partial class FakeDockerEngine : IToolRunner
{
    private static readonly HashSet<string> Flags = ["--read-only", "--rm", "--no-healthcheck", "--init", "--detach", "--interactive", "--force", "--volumes", "--all", "--no-trunc"];
    private readonly object _gate = new();
    private int _nextPort = 41000;
    private int _nextId;

    public List<IReadOnlyList<string>> Commands { get; } = [];

    public Dictionary<string, FakeContainer> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Docker health of a running container by name; null: no HEALTHCHECK.</summary>
    public Func<string, string?> Health { get; set; } = _ => "healthy";

    public string ImageUser { get; set; } = "1654";

    /// <summary>Files that existed when a command ran, e.g. to prove the env file existed during create.</summary>
    public List<string> EnvFilesSeen { get; } = [];

    /// <summary>NAME=value of each <c>--env NAME</c> (no value) a create took from the docker CLI's own environment, as docker does.</summary>
    public List<string> ProcessEnvironmentSeen { get; } = [];

    private IReadOnlyDictionary<string, string?> _environment = new Dictionary<string, string?>();

    /// <summary>Answers <c>docker exec</c> (its arguments and standard input), e.g. an edge's admin client; it may throw as a cancelled exec does.</summary>
    public Func<IReadOnlyList<string>, string, ToolResult>? Exec { get; set; }

    /// <summary>Answers a command instead of the fake (null: the fake answers), e.g. a connection that drops.</summary>
    public Func<IReadOnlyList<string>, ToolResult?> Intercept { get; set; } = _ => null;

    public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Commands.Add(command.Arguments);
            _environment = command.Environment;
            var result = Intercept(command.Arguments)
                ?? (command.Arguments[0] == "exec" && Exec is { } exec ? exec(command.Arguments, command.StandardInput ?? "") : Run(command.Arguments));
            if (!result.Succeeded && command.ThrowOnError)
                throw new ToolFailedException(command, result, $"fake docker {command.Arguments[0]} failed: {result.Error}");
            return Task.FromResult(result);
        }
    }

    public IEnumerable<string> Verbs(string verb) =>
        Commands.Where(c => c[0] == verb).Select(c => c[^1]);

    public FakeContainer Add(string name, IReadOnlyDictionary<string, string> labels, bool running, int hostPort = 8080)
    {
        var container = new FakeContainer(NewId(), name, "repo@sha256:old", new Dictionary<string, string>(labels))
        {
            Running = running,
            StartedAt = running ? DateTimeOffset.UtcNow.AddHours(-1) : default,
            PortSpec = $"127.0.0.1:{hostPort}:8080",
            HostPort = hostPort,
        };
        Containers[name] = container;
        return container;
    }

    private ToolResult Run(IReadOnlyList<string> a) => a[0] switch
    {
        "create" => Create(a),
        "run" => RunDetached(a),
        "start" => Each(a.Skip(1), c =>
        {
            c.Running = true;
            c.StartedAt = DateTimeOffset.UtcNow;
            c.HostPort = c.PortSpec.Split(':')[1] == "0" ? _nextPort++ : int.Parse(c.PortSpec.Split(':')[1], CultureInfo.InvariantCulture);
        }),
        "stop" => Each(a.Skip(1).Where(x => !x.StartsWith('-') && !int.TryParse(x, out _)), c =>
        {
            c.Running = false;
            c.FinishedAt = DateTimeOffset.UtcNow;
        }),
        "rm" => Remove(a.Skip(1).Where(x => !x.StartsWith('-'))),
        "rename" => Rename(a[1], a[2]),
        "container" when a[1] == "inspect" => Inspect(a.Skip(2).ToList()),
        "ps" => Ps(a),
        "port" => Ok(Containers.TryGetValue(a[1], out var p) && p.Running ? $"127.0.0.1:{p.HostPort}" : ""),
        "logs" => Ok("fake log line 1", "fake log line 2"),
        "volume" when a[1] == "ls" => ListVolumes(a),
        "volume" when a[1] == "create" => CreateVolume(a),
        "image" when a[1] == "inspect" => Ok(JsonSerializer.Serialize(new[] { new { Id = ImageId(a[^1]), RepoTags = Array.Empty<string>(), Config = new { User = ImageUser, Env = new[] { "PATH=/usr/bin" } } } })),
        "image" when a[1] == "rm" => Ok(),
        "pull" => Ok(),
        "diff" => Ok(),
        "cp" => Copy(a[^2], a[^1]),
        _ => new ToolResult(1, [], [$"fake docker does not know '{string.Join(' ', a)}'"]),
    };

    /// <summary><c>docker run --detach</c>: a create, then the start of what it created.</summary>
    private ToolResult RunDetached(IReadOnlyList<string> a)
    {
        var created = Create(a);
        if (created.Succeeded)
            Run(["start", a[a.ToList().IndexOf("--name") + 1]]);
        return created;
    }

    private ToolResult Create(IReadOnlyList<string> a)
    {
        string? name = null;
        string? image = null;
        var labels = new Dictionary<string, string>();
        var publish = "";
        var volumes = new List<string>();
        var options = new List<(string Flag, string? Value)>();
        for (var i = 1; i < a.Count; i++)
        {
            if (a[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (Flags.Contains(a[i]))
                {
                    options.Add((a[i], null));
                    continue;
                }
                var value = a[++i];
                if (a[i - 1] == "--env" && !value.Contains('='))
                {
                    // docker takes the value of a bare name from its own environment.
                    value = $"{value}={_environment.GetValueOrDefault(value)}";
                    ProcessEnvironmentSeen.Add(value);
                }
                options.Add((a[i - 1], value));
                switch (a[i - 1])
                {
                    case "--name":
                        name = value;
                        break;
                    case "--label":
                        labels[value[..value.IndexOf('=')]] = value[(value.IndexOf('=') + 1)..];
                        break;
                    case "--publish":
                        publish = value;
                        break;
                    case "--volume":
                        volumes.Add(value);
                        break;
                    case "--env-file":
                        if (File.Exists(value))
                        {
                            var content = File.ReadAllText(value);
                            EnvFilesSeen.Add(content);
                            options.AddRange(content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => ("--env", (string?)line)));
                        }
                        break;
                }
                continue;
            }
            image ??= a[i];
        }
        if (name is null)
            return new ToolResult(1, [], ["fake docker: create without a name"]);
        if (Containers.ContainsKey(name))
            return new ToolResult(1, [], [$"Error response from daemon: Conflict. The container name \"/{name}\" is already in use by container \"x\"."]);
        var container = new FakeContainer(NewId(), name, image ?? "", labels) { PortSpec = publish.Length > 0 ? publish : "127.0.0.1:0:0", Volumes = volumes, Options = options };
        Containers[name] = container;
        return Ok(container.Id);
    }

    private ToolResult Each(IEnumerable<string> names, Action<FakeContainer> action)
    {
        foreach (var name in names)
        {
            if (!Find(name, out var container))
                return new ToolResult(1, [], [$"Error response from daemon: No such container: {name}"]);
            action(container);
        }
        return Ok();
    }

    private ToolResult Rename(string from, string to)
    {
        if (Containers.ContainsKey(to))
            return new ToolResult(1, [], [$"Error response from daemon: Conflict. The container name \"/{to}\" is already in use"]);
        if (!Containers.Remove(from, out var container))
            return new ToolResult(1, [], [$"Error: No such container: {from}"]);
        container.Name = to;
        Containers[to] = container;
        return Ok();
    }

    private ToolResult Remove(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (Find(name, out var container))
                Containers.Remove(container.Name);
        }
        return Ok();
    }

    private ToolResult Inspect(IReadOnlyList<string> names)
    {
        var found = names.Select(n => Find(n, out var c) ? c : null).OfType<FakeContainer>().ToList();
        var json = JsonSerializer.Serialize(found.Select(Render));
        return found.Count == names.Count ? Ok(json) : new ToolResult(1, [json], ["Error: No such object: " + names.First(n => !Find(n, out _))]);
    }

    private object Render(FakeContainer c)
    {
        var health = c.Running ? Health(c.Name) : null;
        var hostIp = c.PortSpec.Split(':')[0];
        return new
        {
            c.Id,
            Name = "/" + c.Name,
            Image = ImageId(c.Image),
            Created = c.Created.ToString("O", CultureInfo.InvariantCulture),
            RestartCount = 0,
            Config = new { Image = c.Image, Labels = c.Labels, Env = new[] { "PATH=/usr/bin" }.Concat(c.Values("--env")), User = c.Values("--user").FirstOrDefault() ?? "1654" },
            State = new
            {
                Status = c.Running ? "running" : c.StartedAt == default ? "created" : "exited",
                c.Running,
                ExitCode = 0,
                StartedAt = c.StartedAt == default ? "0001-01-01T00:00:00Z" : c.StartedAt.ToString("O", CultureInfo.InvariantCulture),
                FinishedAt = c.FinishedAt == default ? "0001-01-01T00:00:00Z" : c.FinishedAt.ToString("O", CultureInfo.InvariantCulture),
                Health = health is null ? null : new { Status = health, Log = new[] { new { Output = "fake health output" } } },
            },
            // What docker create was told (see FakeContainer.Options), so a release the fake created matches its release in drift checks.
            HostConfig = new
            {
                RestartPolicy = new { Name = c.Values("--restart").FirstOrDefault() ?? "unless-stopped" },
                Memory = c.Values("--memory").Select(DriftDetector.Bytes).FirstOrDefault(),
                NanoCpus = c.Values("--cpus").Select(DriftDetector.NanoCpus).FirstOrDefault(),
                PidsLimit = c.Values("--pids-limit").Select(v => (long?)long.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(),
                ReadonlyRootfs = c.Options.Any(o => o.Flag == "--read-only"),
                CapDrop = c.Values("--cap-drop"),
                SecurityOpt = c.Values("--security-opt"),
                Tmpfs = c.Values("--tmpfs").ToDictionary(t => t.Split(':')[0], t => t.Contains(':') ? t[(t.IndexOf(':') + 1)..] : ""),
                PortBindings = c.Options.Any(o => o.Flag == "--publish")
                    ? new Dictionary<string, object[]> { [c.PortSpec.Split(':')[^1] + "/tcp"] = [new { HostIp = hostIp, HostPort = c.PortSpec.Split(':')[1] }] }
                    : null,
            },
            Mounts = c.Volumes.Select(v => v.Split(':')).Select(v => new { Type = "volume", Name = v[0], Source = "/var/lib/docker/volumes/" + v[0], Destination = v[1], RW = true }),
            NetworkSettings = new { Ports = c.Running ? new Dictionary<string, object[]> { ["8080/tcp"] = [new { HostIp = hostIp, HostPort = c.HostPort.ToString(CultureInfo.InvariantCulture) }] } : null },
        };
    }

    private ToolResult Ps(IReadOnlyList<string> a)
    {
        var filters = a.Select((x, i) => (x, i)).Where(p => p.x == "--filter").Select(p => a[p.i + 1]["label=".Length..]).ToList();
        var lines = Containers.Values
            .Where(c => filters.All(f => c.Labels.TryGetValue(f[..f.IndexOf('=')], out var v) && v == f[(f.IndexOf('=') + 1)..]))
            .Select(c => JsonSerializer.Serialize(new { ID = c.Id, Names = c.Name, c.Image, State = c.Running ? "running" : "exited", Status = "", Labels = string.Join(',', c.Labels.Select(l => $"{l.Key}={l.Value}")) }))
            .ToArray();
        return Ok(lines);
    }

    private bool Find(string nameOrId, out FakeContainer container)
    {
        container = Containers.Values.FirstOrDefault(c => c.Name == nameOrId || c.Id == nameOrId)!;
        return container is not null;
    }

    /// <summary>Each reference its own local image id, as with distinct digests.</summary>
    public static string ImageId(string reference) => "sha256:id-of-" + reference;

    private string NewId() => (++_nextId).ToString("x64", CultureInfo.InvariantCulture);

    private static ToolResult Ok(params string[] lines) => new(0, lines, []);
}
