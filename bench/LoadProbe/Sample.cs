namespace LoadProbe;

/// <summary>One request: when it started and ended (ms since the load started), its status (0: no HTTP answer), and the version it reported.</summary>
public readonly record struct Sample(double StartMs, double EndMs, int Status, string? Version, string? Error)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public double LatencyMs => EndMs - StartMs;
}
