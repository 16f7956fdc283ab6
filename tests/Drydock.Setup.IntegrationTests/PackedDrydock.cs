namespace Drydock.Setup.IntegrationTests;

/// <summary>
/// Once per run: ./build.sh Pack of this checkout (working changes included), so every repository set up here restores
/// Drydock.Build from artifacts/packages, offline. Also removes every container, network and volume of the environments
/// the tests deployed to (all named adp-…, unique to this run).
/// </summary>
public sealed class PackedDrydock : IAsyncLifetime
{
    public string RunId { get; } = "adp" + Guid.NewGuid().ToString("N")[..6];

    public string PackOutput { get; private set; } = "";

    private readonly List<string> _environments = [];

    /// <summary>A unique environment (and image) name of this run, removed at the end.</summary>
    public string Environment(string name)
    {
        var environment = $"{RunId}-{name}";
        _environments.Add(environment);
        return environment;
    }

    public Task InitializeAsync()
    {
        PackOutput = Shell.Run(null, RepositoryRoot.Path, Path.Combine(RepositoryRoot.Path, "build.sh"), "Pack", "--allow-dirty");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        foreach (var environment in _environments)
        {
            var filter = $"label=dev.drydock.environment={environment}";
            foreach (var (list, remove) in new[] { ("ps -aq", "rm -f"), ("network ls -q", "network rm"), ("volume ls -q", "volume rm -f") })
            {
                var ids = Shell.Run(null, RepositoryRoot.Path, "docker", [.. list.Split(' '), "--filter", filter], expectSuccess: false).Output
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (ids.Length > 0)
                    Shell.Run(null, RepositoryRoot.Path, "docker", [.. remove.Split(' '), .. ids], expectSuccess: false);
            }
        }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PackedCollection : ICollectionFixture<PackedDrydock>
{
    public const string Name = "packed Drydock";
}
