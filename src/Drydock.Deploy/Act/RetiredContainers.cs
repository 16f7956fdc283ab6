using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The last step of a <see cref="RetirePlan"/>, the same behind a per-environment and a host-wide edge: the replaced
/// containers are stopped with the grace the drain left (kept for rollback). A stop that fails is a warning: the
/// container no longer receives traffic, and the next deploy stops it.
/// </summary>
public static class RetiredContainers
{
    /// <summary>Stops them; returns the summary's tail (<c>"; stopped a, b (kept for rollback)"</c>).</summary>
    public static async Task<string> StopAsync(DeployContext context, IReadOnlyList<string> containers, TimeSpan grace)
    {
        foreach (var container in containers)
        {
            try
            {
                await context.Containers.StopAsync(container, grace, CancellationToken.None);
            }
            catch (Drydock.Engine.Tooling.ToolFailedException e)
            {
                context.Log.Write(LogLevel.Warning, $"Could not stop {container} ({e.Message}); it no longer receives traffic. The next deploy stops it.");
            }
        }
        return $"; stopped {string.Join(", ", containers)} (kept for rollback)";
    }
}
