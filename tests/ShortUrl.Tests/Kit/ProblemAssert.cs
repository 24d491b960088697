using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Kit;

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 problem with the given status and every member the contract promises.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/>.</summary>
    public static async Task<JsonElement> IsValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var problem = await IsProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {problem}");
        Assert.NotEmpty(messages.EnumerateArray().Select(m => m.GetString()));
        return problem;
    }
}
