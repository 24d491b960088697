using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Kit;

/// <summary>Create requests as the abuse tests send them: from a chosen peer address, with chosen extra headers.</summary>
public static class CreateRequests
{
    private static int _sequence;

    /// <summary>A JSON create of a fresh target, optionally from <paramref name="peer"/> (see <see cref="PeerAddress"/>).</summary>
    public static HttpRequestMessage Create(string? peer = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = JsonContent.Create(new { url = $"https://example.com/abuse/{Interlocked.Increment(ref _sequence)}" }),
        };
        if (peer is not null)
        {
            request.Headers.Add(PeerAddress.Header, peer);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    /// <summary>A JSON create of <paramref name="body"/> whose <c>Host</c> header names <paramref name="host"/>, with extra headers.</summary>
    public static HttpRequestMessage CreateOnHost(string host, object body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = JsonContent.Create(body) };
        request.Headers.Host = host;
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    public static async Task<JsonElement> LinkAsync(HttpResponseMessage created) =>
        await created.Content.ReadFromJsonAsync<JsonElement>();
}
