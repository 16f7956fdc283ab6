namespace Drydock.Docker;

/// <summary>
/// What a run says when its SSH connection ended under it: docker's own words ("Cannot connect to the Docker daemon at
/// unix:///tmp/drydock-ssh-…/docker.sock") name a socket of the runner and no fix. The edge switches only to a release
/// it has checked, so whatever it routed to when the connection ended keeps serving, and the next run takes over the
/// interrupted run's lock and finishes the job.
/// </summary>
public static class SshConnectionDropped
{
    public static RemoteHostException Exception(SshTarget target, string command, Exception cause) =>
        new(RemoteHostFailure.ConnectionDropped,
            $"The SSH connection to {target} dropped during the run ({FirstLine(cause.Message)}). What the environment's edge routed to "
            + $"at that moment keeps serving. Check that {target} is reachable (ssh -p {target.Port} {target.Destination} docker version), "
            + $"then run the same command again ({command}): it takes over this run's lock, removes what it left half-done and finishes.");

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
