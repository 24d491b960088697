using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Peers;

/// <summary>The peers' adapters in the OpenAPI document: every operation, each under its peer's own tag, apart from the native API.</summary>
public sealed class DescribingThePeersApis(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    /// <summary>Whether an OpenAPI path is one of a peer's (and so not the native API's).</summary>
    public static bool IsPeers(string path) =>
        path.StartsWith("/rest/", StringComparison.Ordinal) || path.StartsWith("/api/v2/", StringComparison.Ordinal)
        || path.StartsWith("/v4/", StringComparison.Ordinal) || path == "/yourls-api.php";

    [Fact]
    public async Task TheDocumentListsEveryPeerOperationUnderItsPeersTag()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(path => IsPeers(path.Name))
            .SelectMany(path => path.Value.EnumerateObject().Select(op =>
                $"{op.Value.GetProperty("tags")[0].GetString()}: {op.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        string[] bitlink = ["", "/clicks", "/clicks/summary", "/countries", "/referrers"];
        var bitlinks = new[] { "/bitlinks/{domain}/{hash}", "/bitlinks/{hash}" }.SelectMany(prefix =>
            bitlink.Select(suffix => $"Bitly API v4: GET /v4{prefix}{suffix}").Append($"Bitly API v4: PATCH /v4{prefix}"));
        string[] expected =
            [
                .. bitlinks,
                "Bitly API v4: POST /v4/bitlinks", "Bitly API v4: POST /v4/expand", "Bitly API v4: POST /v4/shorten",
                "Kutt API v2: DELETE /api/v2/links/{id}", "Kutt API v2: DELETE /api/v2/links/{id}/stats", "Kutt API v2: GET /api/v2/health",
                "Kutt API v2: GET /api/v2/links", "Kutt API v2: GET /api/v2/links/{id}/stats", "Kutt API v2: PATCH /api/v2/links/{id}",
                "Kutt API v2: POST /api/v2/links",
                "Shlink REST API v3: DELETE /rest/v3/short-urls/{shortCode}", "Shlink REST API v3: DELETE /rest/v3/short-urls/{shortCode}/visits",
                "Shlink REST API v3: DELETE /rest/v3/tags", "Shlink REST API v3: DELETE /rest/v3/visits/orphan",
                "Shlink REST API v3: GET /rest/health", "Shlink REST API v3: GET /rest/v3/domains",
                "Shlink REST API v3: GET /rest/v3/domains/{domain}/visits", "Shlink REST API v3: GET /rest/v3/health",
                "Shlink REST API v3: GET /rest/v3/mercure-info", "Shlink REST API v3: GET /rest/v3/short-urls",
                "Shlink REST API v3: GET /rest/v3/short-urls/{shortCode}", "Shlink REST API v3: GET /rest/v3/short-urls/{shortCode}/redirect-rules",
                "Shlink REST API v3: GET /rest/v3/short-urls/{shortCode}/visits", "Shlink REST API v3: GET /rest/v3/tags",
                "Shlink REST API v3: GET /rest/v3/tags/stats", "Shlink REST API v3: GET /rest/v3/tags/{tag}/visits",
                "Shlink REST API v3: GET /rest/v3/visits", "Shlink REST API v3: GET /rest/v3/visits/non-orphan",
                "Shlink REST API v3: GET /rest/v3/visits/orphan", "Shlink REST API v3: PATCH /rest/v3/domains/redirects",
                "Shlink REST API v3: PATCH /rest/v3/short-urls/{shortCode}", "Shlink REST API v3: POST /rest/v3/short-urls",
                "Shlink REST API v3: POST /rest/v3/short-urls/{shortCode}/redirect-rules", "Shlink REST API v3: PUT /rest/v3/tags",
                "YOURLS API: GET /yourls-api.php", "YOURLS API: POST /yourls-api.php",
            ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), operations);
    }
}
