using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Kit;

/// <summary>The requests most tests make, so each test shows only what it is about.</summary>
public static class LinkRequests
{
    public static Task<HttpResponseMessage> PostLinkAsync(this HttpClient client, string? url, string? alias = null) =>
        client.PostAsJsonAsync("/api/urls", new { url, alias });

    /// <summary>Posts <paramref name="body"/> exactly as written, with the given media type.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string mediaType = "application/json") =>
        client.PostAsync("/api/urls", new StringContent(body, Encoding.UTF8, mediaType));

    /// <summary>Creates a link, asserting 201, and returns its JSON.</summary>
    public static async Task<JsonElement> CreateLinkAsync(this HttpClient client, string url, string? alias = null)
    {
        var response = await client.PostLinkAsync(url, alias);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string Code(this JsonElement link) => link.GetProperty("code").GetString()!;
}
