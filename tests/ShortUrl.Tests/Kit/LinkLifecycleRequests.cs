using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Kit;

/// <summary>The API key the lifecycle tests configure, and the requests they make with it.</summary>
public static class LinkLifecycleRequests
{
    public const string ApiKey = "k3y-for-the-tests-0f8a2c";

    /// <summary>What <c>ShortUrl:ApiKeys</c> holds for <see cref="ApiKey"/>: its SHA-256, as the README's one-liner prints it.</summary>
    public static string ApiKeyHash => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))).ToLowerInvariant();

    public static Task<HttpResponseMessage> PatchLinkAsync(this HttpClient client, string code, string json, string? apiKey = ApiKey) =>
        client.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Patch, $"/api/urls/{code}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json"),
        }, apiKey));

    public static Task<HttpResponseMessage> DeleteLinkAsync(this HttpClient client, string code, string? apiKey = ApiKey) =>
        client.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Delete, $"/api/urls/{code}"), apiKey));

    /// <summary>Posts the password form of <paramref name="code"/>, as the password page does.</summary>
    public static Task<HttpResponseMessage> PostPasswordAsync(this HttpClient client, string code, string password, bool asBrowser = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{code}")
        {
            Content = new FormUrlEncodedContent([new("password", password)]),
        };
        if (asBrowser)
        {
            request.Headers.Accept.ParseAdd(LinkRequests.BrowserAccept);
        }

        return client.SendAsync(request);
    }

    public static string InAnHour(TimeProvider? clock = null) =>
        (clock ?? TimeProvider.System).GetUtcNow().AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return request;
    }
}
