using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

namespace ShortUrl.Tests.Peers;

/// <summary>
/// YOURLS clients work against a published ShortUrl through <c>/yourls-api.php</c> unchanged: the requests ShareX sends
/// (its YOURLS shortener: a multipart POST asking for format=simple; a custom uploader: a GET asking for JSON and
/// reading <c>shorturl</c>), the YOURLS tools page's bookmarklet (a GET with the page's address and title, format=simple),
/// and the read actions plugins call. On SQLite, and in the PostgreSQL pass on a database of its own there.
/// </summary>
public sealed class SpeakingYourls(PeerService service) : IClassFixture<PeerService>
{
    private HttpClient Client => service.Process.Client;

    [Fact]
    public async Task ShareXsMultipartPostGetsTheBareShortUrlWhichRedirects()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PeerService.AdminKey), "signature" },
            { new StringContent("shorturl"), "action" },
            { new StringContent("https://example.com/sharex/screenshot.png"), "url" },
            { new StringContent("simple"), "format" },
        };
        using var response = await Client.PostAsync("/yourls-api.php", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shortUrl = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(service.Process.BaseAddress.ToString(), shortUrl, StringComparison.Ordinal);
        using var redirect = await Client.GetAsync(new Uri(shortUrl));
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("https://example.com/sharex/screenshot.png", redirect.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AShareXCustomUploadersGetAsksForJsonAndAShortenedUrlAgainGetsTheSameShortUrl()
    {
        var url = "/yourls-api.php?signature=" + PeerService.AdminKey + "&action=shorturl&format=json&url="
            + Uri.EscapeDataString("https://example.com/sharex/custom?a=1&b=2");
        var first = await Client.GetFromJsonAsync<JsonElement>(url);
        var again = await Client.GetFromJsonAsync<JsonElement>(url);

        Assert.Equal("success", first.GetProperty("status").GetString());
        Assert.Equal(200, first.GetProperty("statusCode").GetInt32());
        Assert.Equal("https://example.com/sharex/custom?a=1&b=2", first.GetProperty("url").GetProperty("url").GetString());
        Assert.Equal("fail", again.GetProperty("status").GetString());
        Assert.Equal("error:url", again.GetProperty("code").GetString());
        Assert.Equal(first.GetProperty("shorturl").GetString(), again.GetProperty("shorturl").GetString());
    }

    [Fact]
    public async Task TheBookmarkletsGetShortensThePageWithItsTitleAndAnswersTheShortUrlAlone()
    {
        var page = "https://blog.example.org/2026/12/a-post";
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/yourls-api.php?signature={PeerService.AdminKey}&action=shorturl&format=simple&keyword=bm-post&url={Uri.EscapeDataString(page)}&title={Uri.EscapeDataString("A post")}");
        request.Headers.Referrer = new Uri(page);
        request.Headers.Add("Origin", "https://blog.example.org");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(new Uri(service.Process.BaseAddress, "bm-post").ToString(), await response.Content.ReadAsStringAsync());
        var expanded = await Client.GetFromJsonAsync<JsonElement>($"/yourls-api.php?signature={PeerService.AdminKey}&action=expand&shorturl=bm-post&format=json");
        Assert.Equal(page, expanded.GetProperty("longurl").GetString());
        Assert.Equal("A post", expanded.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AKeywordInUseFailsAsYourlsSaysItInXmlByDefault()
    {
        var url = $"/yourls-api.php?signature={PeerService.AdminKey}&action=shorturl&keyword=taken-kw&url=";
        (await Client.GetAsync(url + Uri.EscapeDataString("https://example.com/one"))).Dispose();
        using var response = await Client.GetAsync(url + Uri.EscapeDataString("https://example.com/two"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var result = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("fail", result.Element("status")!.Value);
        Assert.Equal("error:keyword", result.Element("code")!.Value);
    }

    [Fact]
    public async Task UrlStatsStatsAndDbStatsCountTheClicksOfTheKeysLinks()
    {
        var key = PeerService.AuthorKey;
        using (var create = await Client.PostAsync("/yourls-api.php", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["signature"] = key, ["action"] = "shorturl", ["url"] = "https://example.com/plugin", ["keyword"] = "plugin-kw", ["format"] = "json",
        })))
        {
            Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        }

        using var visit = new HttpRequestMessage(HttpMethod.Get, "/plugin-kw");
        visit.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0");
        (await Client.SendAsync(visit)).Dispose();
        var stats = default(JsonElement);
        await Wait.UntilAsync(
            async () =>
            {
                stats = await Client.GetFromJsonAsync<JsonElement>($"/yourls-api.php?signature={key}&action=url-stats&shorturl=plugin-kw&format=json");
                return stats.GetProperty("link").GetProperty("clicks").GetString() == "1";
            },
            TimeSpan.FromSeconds(10), "the click counted in url-stats");
        Assert.Equal("https://example.com/plugin", stats.GetProperty("link").GetProperty("url").GetString());

        var top = await Client.GetFromJsonAsync<JsonElement>($"/yourls-api.php?signature={key}&action=stats&filter=top&limit=5&format=json");
        Assert.Equal("plugin-kw", top.GetProperty("links").GetProperty("link_1").GetProperty("keyword").GetString());
        Assert.Equal("1", top.GetProperty("stats").GetProperty("total_links").GetString());
        var database = await Client.GetFromJsonAsync<JsonElement>($"/yourls-api.php?signature={key}&action=db-stats&format=json");
        Assert.Equal("1", database.GetProperty("db-stats").GetProperty("total_links").GetString());
        Assert.Equal("1", database.GetProperty("db-stats").GetProperty("total_clicks").GetString());
    }

    [Fact]
    public async Task AWrongOrMissingSignatureIsRefusedWith403InTheFormatAsked()
    {
        using var wrong = await Client.GetAsync("/yourls-api.php?signature=not-a-key&action=db-stats&format=json");
        using var missing = await Client.GetAsync("/yourls-api.php?action=shorturl&url=https://example.com/&format=simple");

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(403, (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("Please log in", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AJsonpCallbackIsCalledByNameAndAnythingButANameIsRefusedBeforeItCanRunAsScript()
    {
        var url = $"/yourls-api.php?signature={PeerService.AdminKey}&action=version&format=jsonp&callback=";
        using var named = await Client.GetAsync(url + "YOURLS.done_1");
        using var script = await Client.GetAsync(url + Uri.EscapeDataString("alert(document.domain)//"));
        using var scriptWithoutKey = await Client.GetAsync("/yourls-api.php?action=version&format=jsonp&callback=" + Uri.EscapeDataString("alert(1)//"));

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal("application/javascript", named.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("YOURLS.done_1({", await named.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var refused in new[] { script, scriptWithoutKey })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.DoesNotContain("alert", await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AnUnknownActionAndAnUnknownShortUrlAnswerAsYourlsDoes()
    {
        using var unknown = await Client.GetAsync($"/yourls-api.php?signature={PeerService.AdminKey}&action=nothing&format=json");
        using var missing = await Client.GetAsync($"/yourls-api.php?signature={PeerService.AdminKey}&action=expand&shorturl=NoSuchKw1&format=simple");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Error: short URL not found", await missing.Content.ReadAsStringAsync());
    }
}
