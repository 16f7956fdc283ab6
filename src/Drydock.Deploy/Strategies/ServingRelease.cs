namespace Drydock.Deploy;

/// <summary>
/// Pure: the part of "already serves" every strategy shares (<see cref="IDeployStrategy.Serves"/>): the container runs,
/// and is healthy when Docker checks it. Each edge adds that it routes to the container.
/// </summary>
public static class ServingRelease
{
    public static bool Answers(ContainerState serving) => serving.Running && (serving.HealthStatus is null || serving.IsHealthy);

    /// <summary>Answers, and was placed behind an edge (publishes nothing itself).</summary>
    public static bool AnswersBehindEdge(ContainerState serving) => Answers(serving) && ReleasePlacement.IsBehindEdge(serving.Labels);
}
