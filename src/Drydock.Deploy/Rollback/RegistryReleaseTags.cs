using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Registry;

namespace Drydock.Deploy;

/// <summary>
/// Registry tags through the registry HTTP API v2. A tag is resolved with <see cref="RegistryClient"/> (which handles
/// Basic and Bearer authentication); listing uses <c>/v2/&lt;name&gt;/tags/list</c> directly, with Basic credentials when
/// given, because RegistryClient has no listing yet. A registry that refuses the listing yields no tags (logged), so
/// a rollback still works from the engine's records.
/// </summary>
public sealed class RegistryReleaseTags(HttpClient http, IBuildLog log, RegistryCredentials? credentials = null) : IReleaseTags
{
    public async Task<IReadOnlyList<string>> ListAsync(string repository, CancellationToken cancellationToken)
    {
        var (registry, name) = Split(repository);
        var uri = new Uri(RegistryEndpoint.ToBaseUri(registry), $"v2/{name}/tags/list");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (credentials is not null)
                request.Headers.Authorization = credentials.BasicHeader();
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return [];
            if (!response.IsSuccessStatusCode)
            {
                log.Write(LogLevel.Warning, $"The registry did not list the tags of {repository} ({(int)response.StatusCode}); using the engine's records only");
                return [];
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? tags.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToArray()
                : [];
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            // Asked only for a version the environment never ran: without the registry there is nothing to decide from.
            throw new DeployException(new RegistryUnreachableException(uri.Authority, e.Message, e).Message
                + $" The versions only it has ({repository}) cannot be listed. Nothing was changed.");
        }
        catch (HttpRequestException e)
        {
            log.Write(LogLevel.Warning, $"Could not list the tags of {repository}: {e.Message}; using the engine's records only");
            return [];
        }
    }

    public async Task<TaggedRelease?> FindAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        var (registry, name) = Split(repository);
        var client = new RegistryClient(http, registry, credentials, log);
        RegistryTag? found;
        try
        {
            found = await client.GetTagAsync(name, tag, cancellationToken);
        }
        catch (RegistryUnreachableException e)
        {
            throw new DeployException(e.Message + " Nothing was changed.");
        }
        return found is null ? null : new TaggedRelease(tag, found.Digest, found.Revision);
    }

    private static (string Registry, string Name) Split(string repository)
    {
        var reference = ImageReference.Parse(repository);
        return (reference.Registry ?? "registry-1.docker.io", reference.Registry is null && !reference.Repository.Contains('/') ? "library/" + reference.Repository : reference.Repository);
    }
}
