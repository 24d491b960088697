using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Tags;

/// <summary>
/// <c>/api/tags</c>: the tags in use with their counts, over the links the caller may list; renaming and deleting a tag
/// on every link, with an admin key. Each test uses tags of its own, since the service is shared.
/// </summary>
public sealed class CountingRenamingAndDeletingTags(CountingRenamingAndDeletingTags.Factory factory)
    : IClassFixture<CountingRenamingAndDeletingTags.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(TestKeys.Settings);

    [Fact]
    public async Task EachTagIsListedByNameWithItsLinksAndTheirClicks()
    {
        var first = (await CreateAsync(TestKeys.Admin, "https://example.com/counted/1", "count-b", "count-a")).Code();
        await CreateAsync(TestKeys.Admin, "https://example.com/counted/2", "count-b");
        await _client.GetAsync($"/{first}");
        await _client.GetAsync($"/{first}");
        await factory.FlushClicksAsync();

        var tags = await TagsAsync(TestKeys.Admin, "count-");

        Assert.Equal(["count-a", "count-b"], tags.Select(t => t.Tag));
        Assert.Equal((1, 2), (tags[0].Links, tags[0].Clicks));
        Assert.Equal((2, 2), (tags[1].Links, tags[1].Clicks));
    }

    [Fact]
    public async Task AnAuthorCountsOnlyItsOwnLinks()
    {
        await CreateAsync(TestKeys.Alice, "https://example.com/scoped/alice", "scoped");
        await CreateAsync(TestKeys.Bob, "https://example.com/scoped/bob", "scoped", "scoped-bob");

        Assert.Equal([("scoped", 1L)], (await TagsAsync(TestKeys.Alice, "scoped")).Select(t => (t.Tag, t.Links)));
        Assert.Equal([("scoped", 2L), ("scoped-bob", 1L)], (await TagsAsync(TestKeys.Admin, "scoped")).Select(t => (t.Tag, t.Links)));
    }

    [Fact]
    public async Task WithoutAKeyLinksWithAPasswordAreLeftOut()
    {
        await CreateAsync(null, "https://example.com/open", "open-or-not");
        var secret = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = JsonContent.Create(new { url = "https://example.com/closed", password = "pw", tags = new[] { "open-or-not", "only-secret" } }),
        };
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(secret)).StatusCode);

        Assert.Equal([("open-or-not", 1L)], (await TagsAsync(null, "open-or-not", "only-secret")).Select(t => (t.Tag, t.Links)));
        Assert.Equal([("only-secret", 1L), ("open-or-not", 2L)], (await TagsAsync(TestKeys.Admin, "open-or-not", "only-secret")).Select(t => (t.Tag, t.Links)));
    }

    [Fact]
    public async Task ATagOfDeletedLinksOnlyIsGone()
    {
        var code = (await CreateAsync(TestKeys.Admin, "https://example.com/doomed", "doomed-tag")).Code();

        await _client.DeleteLinkAsync(code, TestKeys.Admin);

        Assert.Empty(await TagsAsync(TestKeys.Admin, "doomed-tag"));
    }

    [Fact]
    public async Task RenamingATagRenamesItOnEveryLink()
    {
        var one = (await CreateAsync(TestKeys.Alice, "https://example.com/rename/1", "before-rename", "other")).Code();
        var two = (await CreateAsync(TestKeys.Bob, "https://example.com/rename/2", "before-rename")).Code();

        var response = await RenameAsync(TestKeys.Admin, "before-rename", """{"name": "After Rename"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renamed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("after rename", renamed.GetProperty("tag").GetString());
        Assert.Equal(2, renamed.GetProperty("links").GetInt64());
        Assert.Equal(["after rename", "other"], await LinkTagsAsync(one));
        Assert.Equal(["after rename"], await LinkTagsAsync(two));
        Assert.Empty(await TagsAsync(TestKeys.Admin, "before-rename"));
    }

    [Fact]
    public async Task RenamingToANameLinksCarryIsAConflictAndChangesNothing()
    {
        var code = (await CreateAsync(TestKeys.Admin, "https://example.com/conflict", "taken-from", "taken-to")).Code();

        await ProblemAssert.IsProblemAsync(await RenameAsync(TestKeys.Admin, "taken-from", """{"name": "taken-to"}"""), 409);

        Assert.Equal(["taken-from", "taken-to"], await LinkTagsAsync(code));
    }

    [Fact]
    public async Task RenamingToTheNameOfATagNoLinkCarriesAnyMoreWorks()
    {
        var gone = (await CreateAsync(TestKeys.Admin, "https://example.com/former", "former-name")).Code();
        await _client.DeleteLinkAsync(gone, TestKeys.Admin);
        var code = (await CreateAsync(TestKeys.Admin, "https://example.com/latter", "latter-name")).Code();

        Assert.Equal(HttpStatusCode.OK, (await RenameAsync(TestKeys.Admin, "latter-name", """{"name": "former-name"}""")).StatusCode);

        Assert.Equal(["former-name"], await LinkTagsAsync(code));
    }

    [Fact]
    public async Task RenamingAnUnknownTagIs404()
    {
        await ProblemAssert.IsProblemAsync(await RenameAsync(TestKeys.Admin, "never-used", """{"name": "whatever"}"""), 404);
    }

    [Theory]
    [InlineData("""{"name": "no/slash"}""")]
    [InlineData("""{"name": ""}""")]
    [InlineData("""{"name": 5}""")]
    [InlineData("""{}""")]
    [InlineData("""["name"]""")]
    public async Task RenamingToANameThatIsNoTagIsRefusedAndChangesNothing(string body)
    {
        var code = (await CreateAsync(TestKeys.Admin, "https://example.com/bad-rename", "bad-rename")).Code();

        await ProblemAssert.IsValidationProblemAsync(await RenameAsync(TestKeys.Admin, "bad-rename", body), "name");

        Assert.Equal(["bad-rename"], await LinkTagsAsync(code));
    }

    [Fact]
    public async Task RenamingWithBrokenJsonIs400AndWithAnotherMediaType415()
    {
        await CreateAsync(TestKeys.Admin, "https://example.com/broken-rename", "broken-rename");

        await ProblemAssert.IsProblemAsync(await RenameAsync(TestKeys.Admin, "broken-rename", "{\"name\": "), 400);
        var form = new HttpRequestMessage(HttpMethod.Put, "/api/tags/broken-rename") { Content = new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded") };
        await ProblemAssert.IsProblemAsync(await _client.SendAsync(form.WithKey(TestKeys.Admin)), 415);
    }

    [Fact]
    public async Task DeletingATagTakesItOffEveryLinkAndKeepsTheLinks()
    {
        var code = (await CreateAsync(TestKeys.Alice, "https://example.com/untag", "to-delete", "to-keep")).Code();

        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/tags/to-delete").WithKey(TestKeys.Admin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["to-keep"], await LinkTagsAsync(code));
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{code}")).StatusCode);
        await ProblemAssert.IsProblemAsync(
            await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/tags/to-delete").WithKey(TestKeys.Admin)), 404);
    }

    [Fact]
    public async Task ATagWithASpaceIsReachedByItsEncodedName()
    {
        var code = (await CreateAsync(TestKeys.Admin, "https://example.com/spaced", "two words")).Code();

        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/tags/Two%20Words").WithKey(TestKeys.Admin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await LinkTagsAsync(code));
    }

    private async Task<JsonElement> CreateAsync(string? key, string url, params string[] tags)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = JsonContent.Create(new { url, tags }) }.WithKey(key);
        return await CreateRequests.LinkAsync(await _client.SendAsync(request));
    }

    private Task<HttpResponseMessage> RenameAsync(string key, string tag, string body) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/tags/{Uri.EscapeDataString(tag)}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }.WithKey(key));

    /// <summary>The tags <paramref name="key"/> sees, those starting with one of <paramref name="prefixes"/>.</summary>
    private async Task<List<(string Tag, long Links, long Clicks)>> TagsAsync(string? key, params string[] prefixes)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/tags").WithKey(key));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Select(t => (t.GetProperty("tag").GetString()!, t.GetProperty("links").GetInt64(), t.GetProperty("clicks").GetInt64()))
            .Where(t => prefixes.Any(p => t.Item1.StartsWith(p, StringComparison.Ordinal)))];
    }

    private async Task<string[]> LinkTagsAsync(string code)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/urls/{code}").WithKey(TestKeys.Admin));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
    }
}
