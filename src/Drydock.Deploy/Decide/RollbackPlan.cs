namespace Drydock.Deploy;

/// <summary>The release a rollback recreates, from the selector's target and today's configuration.</summary>
public static class RollbackPlan
{
    /// <summary>
    /// Pure: the target's recorded configuration, with today's timeouts, retention and probe host (they govern this run,
    /// not the container), today's strategy and today's platform and pull address (where releases run and are pulled from). The port and bind are today's when the strategy owns them (an edge holds
    /// today's port), else the release's own, as recorded.
    /// </summary>
    public static ReleaseSpec Spec(ReleaseSpec target, EnvironmentConfig today, bool strategyOwnsPort) =>
        target with
        {
            Config = target.Config with
            {
                DeployTimeout = today.DeployTimeout,
                LockTimeout = today.LockTimeout,
                KeepReleases = today.KeepReleases,
                ProbeHost = today.ProbeHost,
                Strategy = today.Strategy,
                Platform = today.Platform,
                RegistryPull = today.RegistryPull,
                HostPort = strategyOwnsPort ? today.HostPort : target.Config.HostPort,
                Bind = strategyOwnsPort ? today.Bind : target.Config.Bind,
            },
        };
}
