namespace Drydock.Build;

/// <summary>
/// The environment's host names on the server's host-wide edge (80/443, HTTPS with ACME or the user's certificate).
/// Each parameter (--hosts, --http-port, …) overrides its camelCase key of .nuke/environments/&lt;env&gt;.json, as
/// <see cref="Drydock.Deploy.EnvironmentSettingTable"/> declares them; the merged value is <see cref="EnvironmentHttps"/>.
/// </summary>
public abstract partial class ServiceBuild
{
    /// <summary>
    /// For <c>Requires</c> on Deploy: the host names, ports, ACME and certificate settings are checked before the first
    /// target runs (with the file's other keys, see <see cref="EnvironmentIsValid"/>), not after an image was pushed.
    /// </summary>
    bool HttpsIsValid => Problems([.. EnvironmentHttps.Problems().Select(p => $"{Settings.FilePath} (or its parameter): {p}")]);
}
