namespace EdgeDirect;

/// <summary>Labels of the releases this tool starts; the first four are Drydock's own keys, the last marks bench leftovers.</summary>
public static class BenchLabels
{
    public const string App = "dev.drydock.app";
    public const string Environment = "dev.drydock.environment";
    public const string Role = "dev.drydock.role";
    public const string Version = "dev.drydock.version";
    public const string DeployedAt = "dev.drydock.deployed-at";
    public const string Bench = "dev.drydock.bench";
}
