using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Kit;

/// <summary>The requests most tests make, so each test shows only what it is about.</summary>
public static class LinkRequests
{
    /// <summary>The <c>Accept</c> header a browser sends for a page it navigates to: HTML first.</summary>
    public const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

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

    /// <summary>Creates a link from a JSON body of any fields, asserting 201, and returns its JSON.</summary>
    public static async Task<JsonElement> CreateLinkAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/urls", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// The clicks the API shows for a link. Clicks reach the database in the background: flush first
    /// (<see cref="ShortUrlFactory.FlushClicksAsync"/>) unless the test is about when they arrive.
    /// </summary>
    public static async Task<long> ClicksAsync(this HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")).GetProperty("clicks").GetInt64();

    /// <summary>A GET as a browser sends it (HTML first).</summary>
    public static Task<HttpResponseMessage> GetAsBrowserAsync(this HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(BrowserAccept);
        return client.SendAsync(request);
    }

    public static string Code(this JsonElement link) => link.GetProperty("code").GetString()!;
}
