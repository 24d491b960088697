using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Portability;

/// <summary>Imports with a key, as every import needs one.</summary>
public sealed class ImportingLinks(ImportingLinks.Factory factory) : IClassFixture<ImportingLinks.Factory>
{
    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task GoodRowsImportWhileInvalidOnesAreRejectedAndTakenAliasesSkipped()
    {
        await _client.CreateLinkAsync("https://example.com/first", "imp-taken");

        var report = await ImportAsync("""
            url,alias
            https://example.com/one,imp-one
            https://example.com/two,
            ftp://example.com/three,imp-three
            https://example.com/four,imp-taken
            https://example.com/five,a
            """, "text/csv");

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("skipped").GetInt32());
        Assert.Equal(2, report.GetProperty("rejected").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["created", "created", "rejected", "skipped", "rejected"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal([2, 3, 4, 5, 6], rows.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal("imp-one", rows[0].GetProperty("code").GetString());
        Assert.Contains("url", rows[2].GetProperty("reason").GetString());
        Assert.Contains("imp-taken", rows[3].GetProperty("reason").GetString());
        var generated = rows[1].GetProperty("code").GetString();
        Assert.Equal("https://example.com/two", (await _client.GetAsync($"/{generated}")).Headers.Location?.OriginalString);
        Assert.Equal("https://example.com/one", (await _client.GetAsync("/imp-one")).Headers.Location?.OriginalString);
        Assert.Equal("https://example.com/first", (await _client.GetAsync("/imp-taken")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AJsonArrayOfCreateBodiesImports()
    {
        var report = await ImportAsync("""[{"url": "https://example.com/json-a", "alias": "imp-json"}, {"url": "https://example.com/json-b"}, null]""",
            "application/json");

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        Assert.Equal("https://example.com/json-a", (await _client.GetAsync("/imp-json")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AFileUploadImportsLikeARawBody()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("url,alias\nhttps://example.com/uploaded,imp-upload\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "links.csv");

        var response = await _client.PostAsync("/api/urls/import", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        Assert.Equal("https://example.com/uploaded", (await _client.GetAsync("/imp-upload")).Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("shortCode,shortUrl,longUrl,title\nimp-shlink,https://s.test/imp-shlink,https://example.com/shlink,Shlink\n", "imp-shlink", "https://example.com/shlink")]
    [InlineData("keyword,url,title,timestamp,ip,clicks\nimp-yourls,https://example.com/yourls,YOURLS,2024-01-01 10:00:00,127.0.0.1,3\n", "imp-yourls", "https://example.com/yourls")]
    [InlineData("link,long_url,title,created\nhttps://bit.ly/imp-bitly,https://example.com/bitly,Bitly,2024-01-01\n", "imp-bitly", "https://example.com/bitly")]
    [InlineData("code,shortUrl,url,createdAt,clicks,botClicks\nimp-own,http://localhost/imp-own,https://example.com/own,2024-01-01T00:00:00.000Z,4,1\n", "imp-own", "https://example.com/own")]
    public async Task TheExportsOfOtherShortenersAreUnderstood(string csv, string alias, string target)
    {
        var report = await ImportAsync(csv, "text/csv");

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(alias, report.GetProperty("rows")[0].GetProperty("code").GetString());
        var redirect = await _client.GetAsync($"/{alias}");
        Assert.Equal(302, (int)redirect.StatusCode);
        Assert.Equal(target, redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ACsvFileWithBrokenQuotingIsRefusedWholeNamingTheLine()
    {
        var before = await factory.CountStoredLinksAsync();

        var response = await PostAsync("url,alias\nhttps://example.com/q1,imp-q1\nhttps://example.com/q2,\"imp-q2\nhttps://example.com/q3,imp-q3\n", "text/csv");

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.CountStoredLinksAsync());
        Assert.Equal(404, (int)(await _client.GetAsync("/imp-q1")).StatusCode);
    }

    [Fact]
    public async Task InvalidJsonIsRefusedWholeNamingTheLine()
    {
        var before = await factory.CountStoredLinksAsync();

        var response = await PostAsync("[\n{\"url\": \"https://example.com/j1\", \"alias\": \"imp-j1\"},\n{\"url\": \"https://example.com/j2\",,}\n]", "application/json");

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task ACsvFileWithoutAUrlColumnIsRefused()
    {
        var response = await PostAsync("name,alias\nhttps://example.com/x,imp-x\n", "text/csv");

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.Contains("url", problem.GetProperty("detail").GetString());
        Assert.Equal(404, (int)(await _client.GetAsync("/imp-x")).StatusCode);
    }

    [Fact]
    public async Task OtherMediaTypesAre415()
    {
        var response = await PostAsync("url\nhttps://example.com/x\n", "application/xml");

        await ProblemAssert.IsProblemAsync(response, 415);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string mediaType) =>
        _client.PostAsync("/api/urls/import", new StringContent(body, Encoding.UTF8, mediaType));

    private async Task<JsonElement> ImportAsync(string body, string mediaType)
    {
        var response = await PostAsync(body, mediaType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>With <c>ShortUrl:RequireApiKeyForCreate</c>, importing needs the key as creating does.</summary>
public sealed class ImportingWithAKeyRequired(ImportingWithAKeyRequired.Factory factory) : IClassFixture<ImportingWithAKeyRequired.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(
        ("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash), ("ShortUrl:RequireApiKeyForCreate", "true"));

    [Fact]
    public async Task ImportingWithoutTheKeyIs401AndCreatesNothingWhileWithItImports()
    {
        var withoutKey = await _client.PostAsync("/api/urls/import", Csv("imp-nokey"));

        await ProblemAssert.IsProblemAsync(withoutKey, 401);
        Assert.Equal(404, (int)(await _client.GetAsync("/imp-nokey")).StatusCode);
        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/api/urls/import") { Content = Csv("imp-key") };
        withKey.Headers.Add("X-Api-Key", LinkLifecycleRequests.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(withKey)).StatusCode);
        Assert.Equal("https://example.com/imp-key", (await _client.GetAsync("/imp-key")).Headers.Location?.OriginalString);
    }

    private static StringContent Csv(string alias) =>
        new($"url,alias\nhttps://example.com/{alias},{alias}\n", Encoding.UTF8, "text/csv");
}
