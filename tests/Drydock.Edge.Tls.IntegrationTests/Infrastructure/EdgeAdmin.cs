using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Edge.Tls.IntegrationTests;

/// <summary>The host admin calls the tests make, over the edge's admin port (the contract's JSON, read as JSON).</summary>
internal static class EdgeAdmin
{
    public static async Task DeclareAsync(this HttpClient admin, string host, string tls, string? pathPrefix = null)
    {
        using var response = await admin.PutAsJsonAsync($"/hosts/{host}", new { tls, pathPrefix });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> SwitchAsync(this HttpClient admin, string host, string upstream, string version, long? generation = null, string? pathPrefix = null)
    {
        var path = $"/hosts/{host}/route" + (pathPrefix is null ? "" : $"?pathPrefix={Uri.EscapeDataString(pathPrefix)}");
        using var response = await admin.PutAsJsonAsync(path, new { upstream, version, expectedGeneration = generation });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>POST …/certificate: issue (when needed) and wait; the answer's status and JSON body.</summary>
    public static async Task<(int Status, JsonObject Body)> IssueAsync(this HttpClient admin, string host)
    {
        using var response = await admin.PostAsync($"/hosts/{host}/certificate", null);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public static async Task<JsonObject> CertificateAsync(this HttpClient admin, string host) =>
        JsonNode.Parse(await admin.GetStringAsync($"/hosts/{host}/certificate"))!.AsObject();

    public static string Text(this JsonObject body, string name) => body[name]?.GetValue<JsonElement>().ToString() ?? body[name]?.ToString() ?? string.Empty;
}
