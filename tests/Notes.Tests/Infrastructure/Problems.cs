using System.Text.Json;

namespace Notes.Tests.Infrastructure;

public static class Problems
{
    /// <summary>Asserts an RFC 7807 body: application/problem+json carrying the same status.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problem = document.RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
