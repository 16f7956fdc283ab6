using Drydock.Deploy;
using Drydock.Engine.Targets;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    public Target Remove => _ => _
        .Description("Remove --environment: its releases, edge, network and lock; its data and history stay unless --delete-data --confirm <app>-<environment>")
        .Requires(() => EnvironmentIsValid && HostIsValid) // the host is read from the same file: asked once it parses
        .Executes(async ct =>
        {
            using var http = RegistryHttpClient();
            await OnEnvironmentEngineAsync(nameof(Remove), async () => await (await ReleaseManagerAsync(http, ct)).RemoveAsync(new RemoveRequest(Release.Name.Value)
            {
                Environment = Environment,
                DeleteData = DeleteData,
                Confirm = Confirm,
                Config = EnvironmentConfig,
            }, ct));
        });
}
