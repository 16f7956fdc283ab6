using System.Security.Cryptography;
using System.Text;

namespace Drydock.Docker;

/// <summary>
/// The ASP.NET base the release chain builds framework-dependent apps on: a runtime-deps base plus the SDK's own
/// shared runtime (the <c>dotnet</c> host, <c>Microsoft.NETCore.App</c> and <c>Microsoft.AspNetCore.App</c> of one
/// version). Named by its inputs, so it is built once per runtime version and base, and reused.
/// </summary>
public static class AspNetBaseRecipe
{
    /// <summary>Bump when the layout or the settings below change, so a new name is built.</summary>
    public const int Revision = 1;

    public const string Repository = "drydock/aspnet";

    public const string DotnetRoot = "/usr/share/dotnet";

    /// <summary>The runtime version the base carries, as a label (the SBOM and Status read it).</summary>
    public const string RuntimeLabel = "dev.drydock.base.dotnet";

    /// <summary>What the base's identity hashes: the runtime-deps packages when it records them, else its image id.</summary>
    public static string BaseIdentity(DockerImage runtimeDeps) =>
        runtimeDeps.Labels.GetValueOrDefault(BaseImageRecipe.PackagesLabel) is { Length: > 0 } packages ? packages : runtimeDeps.Id;

    /// <summary><c>drydock/aspnet:10.0.12-3f2a9c1b7d4e</c>: the runtime version plus a hash of every input.</summary>
    public static string ImageName(string runtimeVersion, string baseIdentity)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"revision={Revision}\nruntime={runtimeVersion}\nbase={baseIdentity}"));
        return $"{Repository}:{runtimeVersion}-{Convert.ToHexStringLower(hash)[..12]}";
    }

    /// <summary>
    /// The Dockerfile, whose context is the staged runtime (<c>dotnet/</c>) and an empty <c>data/</c>. No RUN: the
    /// base has no shell. /data belongs to the app user, so a new volume mounted there starts out writable.
    /// </summary>
    public static string Dockerfile(string runtimeDeps, string runtimeVersion) =>
        $"""
        FROM {runtimeDeps}
        COPY dotnet/ {DotnetRoot}/
        COPY --chown={BaseImageRecipe.AppUid}:{BaseImageRecipe.AppUid} data/ /data/
        ENV DOTNET_ROOT={DotnetRoot} \
            PATH={DotnetRoot}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            DOTNET_VERSION={runtimeVersion} \
            ASPNET_VERSION={runtimeVersion} \
            APP_UID={BaseImageRecipe.AppUid} \
            ASPNETCORE_HTTP_PORTS=8080 \
            DOTNET_RUNNING_IN_CONTAINER=true
        USER {BaseImageRecipe.AppUid}
        LABEL {RuntimeLabel}="{runtimeVersion}" \
              org.opencontainers.image.description="ASP.NET Core {runtimeVersion} runtime on {runtimeDeps}, made offline by Drydock"

        """.ReplaceLineEndings("\n");
}
