namespace Drydock.Deploy;

/// <summary>What is left of a timeout once part of it is spent, never below a floor, so a step late in a deploy still gets a fair try.</summary>
public static class Deadline
{
    /// <summary>The least an edge's own health check of a new release is given, however long Docker's verdict took.</summary>
    public static readonly TimeSpan SwitchFloor = TimeSpan.FromSeconds(5);

    public static TimeSpan Left(TimeSpan budget, TimeSpan spent, TimeSpan floor)
    {
        var left = budget - spent;
        return left > floor ? left : floor;
    }
}
