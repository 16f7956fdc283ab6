namespace Drydock.Edge.Tests;

/// <summary>A clock a test moves by hand (only <see cref="GetUtcNow"/>; timers stay real).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
