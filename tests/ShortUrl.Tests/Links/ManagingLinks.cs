using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Links;

/// <summary><c>PATCH</c> and <c>DELETE /api/urls/{code}</c> with an API key: changes reach the very next redirect.</summary>
public sealed class ManagingLinks(ManagingLinks.Factory factory) : IClassFixture<ManagingLinks.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task ANewTargetIsFollowedOnTheVeryNextRedirect()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/old")).Code();
        Assert.Equal("https://example.com/old", (await _client.GetAsync($"/{code}")).Headers.Location?.OriginalString);

        var edited = await _client.PatchLinkAsync(code, """{"url": "https://example.com/new"}""");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("https://example.com/new", (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString());
        Assert.Equal("https://example.com/new", (await _client.GetAsync($"/{code}")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task FieldsLeftOutStayAndFieldsSetToNullAreCleared()
    {
        var code = (await _client.CreateLinkAsync(new
        {
            url = "https://example.com/rules", expiresAt = LinkLifecycleRequests.InAnHour(), maxClicks = 10, password = "pw",
        })).Code();

        var response = await _client.PatchLinkAsync(code, """{"expiresAt": null, "password": null}""");

        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, link.GetProperty("expiresAt").ValueKind);
        Assert.False(link.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(10, link.GetProperty("maxClicks").GetInt64());
        Assert.Equal("https://example.com/rules", link.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{code}")).StatusCode);
    }

    [Fact]
    public async Task AddingAPasswordProtectsTheNextRedirect()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/soon-protected")).Code();
        await _client.GetAsync($"/{code}");

        await _client.PatchLinkAsync(code, """{"password": "now secret"}""");

        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/{code}"), 403);
        Assert.Equal(HttpStatusCode.SeeOther, (await _client.PostPasswordAsync(code, "now secret")).StatusCode);
    }

    [Fact]
    public async Task RaisingTheClickLimitOpensAUsedUpLinkAgain()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/once", maxClicks = 1 })).Code();
        await _client.GetAsync($"/{code}");
        Assert.Equal(HttpStatusCode.Gone, (await _client.GetAsync($"/{code}")).StatusCode);

        await _client.PatchLinkAsync(code, """{"maxClicks": 2}""");

        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await _client.GetAsync($"/{code}")).StatusCode);
    }

    [Fact]
    public async Task ADeletedLinksVisitsGoWithItAndNeverReachTheNextLinkCreated()
    {
        // On SQLite the next link takes the id of the newest one once that is deleted: its stats must start empty.
        var deletedCode = (await _client.CreateLinkAsync("https://example.com/deleted-with-visits")).Code();
        await _client.GetAsync($"/{deletedCode}");
        await factory.FlushClicksAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteLinkAsync(deletedCode)).StatusCode);

        var nextCode = (await _client.CreateLinkAsync("https://example.com/created-after-the-delete")).Code();
        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{nextCode}/stats");

        Assert.Equal(0, stats.GetProperty("clicks").GetInt64());
        Assert.Equal(0, stats.GetProperty("botClicks").GetInt64());
        Assert.Empty(stats.GetProperty("referrers").EnumerateArray());
    }

    [Fact]
    public async Task ADeletedLinkIsGoneFromTheNextRedirectAndTheApi()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/deleted")).Code();
        await _client.GetAsync($"/{code}");

        var deleted = await _client.DeleteLinkAsync(code);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/{code}"), 404);
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/urls/{code}"), 404);
        await ProblemAssert.IsProblemAsync(await _client.DeleteLinkAsync(code), 404);
    }

    [Fact]
    public async Task WithoutAKeyBothAre401AndChangeNothing()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/keyless")).Code();

        var patch = await _client.PatchLinkAsync(code, """{"url": "https://example.com/changed"}""", apiKey: null);
        var delete = await _client.DeleteLinkAsync(code, apiKey: null);

        await ProblemAssert.IsProblemAsync(patch, 401);
        await ProblemAssert.IsProblemAsync(delete, 401);
        Assert.Equal("https://example.com/keyless", (await _client.GetAsync($"/{code}")).Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData(LinkLifecycleRequests.ApiKey + " ")]
    public async Task WithAWrongKeyBothAre403AndChangeNothing(string key)
    {
        var code = (await _client.CreateLinkAsync("https://example.com/wrong-key")).Code();

        var patch = await _client.PatchLinkAsync(code, """{"url": "https://example.com/changed"}""", key);
        var delete = await _client.DeleteLinkAsync(code, key);

        await ProblemAssert.IsProblemAsync(patch, 403);
        await ProblemAssert.IsProblemAsync(delete, 403);
        Assert.Equal("https://example.com/wrong-key", (await _client.GetAsync($"/{code}")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnUnknownCodeIs404()
    {
        await ProblemAssert.IsProblemAsync(await _client.PatchLinkAsync("NoSuch9", """{"maxClicks": 3}"""), 404);
        await ProblemAssert.IsProblemAsync(await _client.DeleteLinkAsync("NoSuch9"), 404);
    }

    [Theory]
    [InlineData("""{"url": null}""", "url")]
    [InlineData("""{"url": "ftp://example.com/x"}""", "url")]
    [InlineData("""{"url": 42}""", "url")]
    [InlineData("""{"maxClicks": "ten"}""", "maxClicks")]
    [InlineData("""{"maxClicks": 0}""", "maxClicks")]
    [InlineData("""{"expiresAt": "2001-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"expiresAt": 5}""", "expiresAt")]
    [InlineData("""{"password": true}""", "password")]
    [InlineData("""{"alias": "renamed"}""", "alias")]
    [InlineData("""{"maxClicks": 3, "maxClicks": 4}""", "maxClicks")]
    public async Task AnInvalidFieldIsA400NamingItAndChangesNothing(string body, string field)
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/untouched", maxClicks = 7 })).Code();

        var response = await _client.PatchLinkAsync(code, body);

        await ProblemAssert.IsValidationProblemAsync(response, field);
        var link = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal("https://example.com/untouched", link.GetProperty("url").GetString());
        Assert.Equal(7, link.GetProperty("maxClicks").GetInt64());
    }

    [Theory]
    [InlineData("""{"url": """)]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public async Task AMalformedBodyIsA400(string body)
    {
        var code = (await _client.CreateLinkAsync("https://example.com/malformed")).Code();

        await ProblemAssert.IsProblemAsync(await _client.PatchLinkAsync(code, body), 400);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIs415()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/form-patch")).Code();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/urls/{code}")
        {
            Content = new StringContent("url=https://example.com/x", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Api-Key", LinkLifecycleRequests.ApiKey);

        await ProblemAssert.IsProblemAsync(await _client.SendAsync(request), 415);
    }

    [Fact]
    public async Task CreatingNeedsNoKeyByDefault()
    {
        Assert.Equal(HttpStatusCode.Created, (await _client.PostLinkAsync("https://example.com/open")).StatusCode);
    }

    [Fact]
    public async Task SwaggerDocumentsTheApiKeyAsNeededOnEditAndDeleteAndOptionalOnReadsAndCreates()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        var link = document.GetProperty("paths").GetProperty("/api/urls/{code}");
        Assert.Equal(["ApiKey"], Requirements(link.GetProperty("patch")));
        Assert.Equal(["ApiKey"], Requirements(link.GetProperty("delete")));
        Assert.Equal(["ApiKey", "(none)"], Requirements(link.GetProperty("get")));
        Assert.Equal(["ApiKey", "(none)"], Requirements(document.GetProperty("paths").GetProperty("/api/urls").GetProperty("post")));
        Assert.False(document.GetProperty("paths").GetProperty("/{code}").GetProperty("get").TryGetProperty("security", out _));
    }

    /// <summary>The schemes of each security requirement of an operation; "(none)" for the empty one, which makes the key optional.</summary>
    private static List<string> Requirements(JsonElement operation) => operation.GetProperty("security").EnumerateArray()
        .Select(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name).FirstOrDefault() ?? "(none)")
        .ToList();
}

/// <summary><c>ShortUrl:RequireApiKeyForCreate</c>: creating needs the key too.</summary>
public sealed class RequiringAKeyToCreate(RequiringAKeyToCreate.Factory factory) : IClassFixture<RequiringAKeyToCreate.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(
        ("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash), ("ShortUrl:RequireApiKeyForCreate", "true"));

    [Fact]
    public async Task CreatingWithoutAKeyIs401AndWithAWrongOne403()
    {
        var before = await factory.CountStoredLinksAsync();

        await ProblemAssert.IsProblemAsync(await _client.PostLinkAsync("https://example.com/no-key"), 401);
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = JsonContent.Create(new { url = "https://example.com/bad-key" }) };
        wrong.Headers.Add("X-Api-Key", "nope");
        await ProblemAssert.IsProblemAsync(await _client.SendAsync(wrong), 403);
        Assert.Equal(before, await factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task CreatingWithTheKeyWorksAndSwaggerSaysSo()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = JsonContent.Create(new { url = "https://example.com/keyed" }) };
        request.Headers.Add("X-Api-Key", LinkLifecycleRequests.ApiKey);

        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(request)).StatusCode);
        var document = await _client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        Assert.True(document.GetProperty("paths").GetProperty("/api/urls").GetProperty("post").TryGetProperty("security", out _));
    }
}
