using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Links;

/// <summary>A link's title and tags: given on create (JSON or form), changed by an edit, shown in details and lists.</summary>
public sealed class TaggingLinks(TaggingLinks.Factory factory) : IClassFixture<TaggingLinks.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task ATitleAndTagsGivenOnCreateAreShownInTheAnswerDetailsAndRecent()
    {
        var created = await _client.CreateLinkAsync(new { url = "https://example.com/labelled", title = "  The launch post ", tags = new[] { "news", "launch" } });
        var code = created.Code();

        Assert.Equal("The launch post", created.GetProperty("title").GetString());
        Assert.Equal(["news", "launch"], Tags(created));
        var details = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal("The launch post", details.GetProperty("title").GetString());
        Assert.Equal(["news", "launch"], Tags(details));
        var recent = (await _client.GetFromJsonAsync<JsonElement>("/api/urls/recent?limit=100")).EnumerateArray().Single(l => l.Code() == code);
        Assert.Equal(["news", "launch"], Tags(recent));
        Assert.Equal("The launch post", recent.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ALinkWithoutTitleOrTagsShowsNullAndAnEmptyList()
    {
        var created = await _client.CreateLinkAsync("https://example.com/bare");

        Assert.Equal(JsonValueKind.Null, created.GetProperty("title").ValueKind);
        Assert.Empty(Tags(created));
    }

    [Fact]
    public async Task TagsAreNormalisedAndRepeatsDropped()
    {
        var created = await _client.CreateLinkAsync(new { url = "https://example.com/normalised", tags = new[] { "  Big   News ", "big news", "Q4_2026", "a-b" } });

        Assert.Equal(["big news", "q4_2026", "a-b"], Tags(created));
    }

    [Fact]
    public async Task AFormTakesRepeatedTagsFieldsOrOneCommaSeparatedValue()
    {
        var response = await _client.PostAsync("/api/urls", new FormUrlEncodedContent(
        [
            new("url", "https://example.com/form-tagged"), new("title", "From a form"),
            new("tags", "one, two"), new("tags", "three"),
        ]));

        var created = await CreateRequests.LinkAsync(response);
        Assert.Equal(["one", "two", "three"], Tags(created));
        Assert.Equal("From a form", created.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("""{"url": "https://example.com/t", "tags": ["no/slash"]}""")]
    [InlineData("""{"url": "https://example.com/t", "tags": ["é-accent"]}""")]
    [InlineData("""{"url": "https://example.com/t", "tags": ["   "]}""")]
    [InlineData("""{"url": "https://example.com/t", "tags": [null]}""")]
    [InlineData("""{"url": "https://example.com/t", "tags": "news"}""")]
    [InlineData("""{"url": "https://example.com/t", "tags": [1]}""")]
    public async Task ATagThatIsNotOneIsRefusedNamingTags(string body)
    {
        var response = await _client.PostRawAsync(body);

        await ProblemAssert.IsValidationProblemAsync(response, "tags");
    }

    [Fact]
    public async Task ATagLongerThan64CharactersIsRefused()
    {
        var response = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/long-tag", tags = new[] { new string('a', 65) } });

        await ProblemAssert.IsValidationProblemAsync(response, "tags");
    }

    [Fact]
    public async Task MoreThan20TagsAreRefused()
    {
        var response = await _client.PostAsJsonAsync("/api/urls", new
        {
            url = "https://example.com/many-tags", tags = Enumerable.Range(1, 21).Select(i => $"tag{i}").ToArray(),
        });

        await ProblemAssert.IsValidationProblemAsync(response, "tags");
    }

    [Fact]
    public async Task ATitleLongerThan512CharactersIsRefused()
    {
        var response = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/long-title", title = new string('t', 513) });

        await ProblemAssert.IsValidationProblemAsync(response, "title");
    }

    [Theory]
    [InlineData("invoice \u202Efdp.exe")]
    [InlineData("\u2067right to left\u2069")]
    public async Task ATitleThatReordersItsTextIsRefusedAndRightToLeftLettersAndEmojiJoinersAreNot(string title)
    {
        var refused = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/bidi-title", title });
        var hebrew = await _client.CreateLinkAsync(new { url = "https://example.com/hebrew-title", title = "\u05E9\u05DC\u05D5\u05DD family \U0001F468\u200D\U0001F469\u200D\U0001F467" });

        await ProblemAssert.IsValidationProblemAsync(refused, "title");
        Assert.Equal("\u05E9\u05DC\u05D5\u05DD family \U0001F468\u200D\U0001F469\u200D\U0001F467", hebrew.GetProperty("title").GetString());
        Assert.DoesNotContain(
            (await _client.GetFromJsonAsync<JsonElement>("/api/urls/recent?limit=100")).EnumerateArray(),
            link => link.GetProperty("url").GetString() == "https://example.com/bidi-title");
    }

    [Fact]
    public async Task ARefusedCreateLeavesNoTagBehind()
    {
        await _client.PostAsJsonAsync("/api/urls", new { url = "not a url", tags = new[] { "refused-only" } });

        var tags = await _client.GetFromJsonAsync<JsonElement>("/api/tags");
        Assert.DoesNotContain("refused-only", tags.EnumerateArray().Select(t => t.GetProperty("tag").GetString()));
    }

    [Fact]
    public async Task AnEditReplacesTheTagsAndChangesTheTitle()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/edit-tags", title = "Before", tags = new[] { "old", "keep" } })).Code();

        var response = await _client.PatchLinkAsync(code, """{"tags": ["keep", "New"], "title": "After"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edited = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["keep", "new"], Tags(edited));
        Assert.Equal("After", edited.GetProperty("title").GetString());
        var details = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal(["keep", "new"], Tags(details));
    }

    [Fact]
    public async Task AnEditLeavingTitleAndTagsOutKeepsThem()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/edit-other", title = "Stays", tags = new[] { "stays" } })).Code();

        var edited = await (await _client.PatchLinkAsync(code, """{"maxClicks": 5}""")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Stays", edited.GetProperty("title").GetString());
        Assert.Equal(["stays"], Tags(edited));
    }

    [Fact]
    public async Task NullClearsTheTitleAndTheTags()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/edit-clear", title = "Gone soon", tags = new[] { "gone" } })).Code();

        var edited = await (await _client.PatchLinkAsync(code, """{"title": null, "tags": null}""")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(JsonValueKind.Null, edited.GetProperty("title").ValueKind);
        Assert.Empty(Tags(edited));
        Assert.Empty(Tags(await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")));
    }

    [Theory]
    [InlineData("""{"tags": "one"}""", "tags")]
    [InlineData("""{"tags": ["Bad!"]}""", "tags")]
    [InlineData("""{"tags": [true]}""", "tags")]
    [InlineData("""{"title": 5}""", "title")]
    [InlineData("""{"title": "line\nbreak"}""", "title")]
    public async Task ABadTitleOrTagsEditIsRefusedAndChangesNothing(string body, string field)
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/edit-bad", title = "Untouched", tags = new[] { "untouched" } })).Code();

        await ProblemAssert.IsValidationProblemAsync(await _client.PatchLinkAsync(code, body), field);

        var details = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal("Untouched", details.GetProperty("title").GetString());
        Assert.Equal(["untouched"], Tags(details));
    }

    [Fact]
    public async Task APasswordProtectedLinkShowsItsTitleAndTagsOnlyToWhoMaySeeItsTarget()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/secret", password = "pw", title = "Secret plans", tags = new[] { "hidden" } })).Code();

        var anonymous = (await _client.GetFromJsonAsync<JsonElement>("/api/urls/recent?limit=100")).EnumerateArray().Single(l => l.Code() == code);
        var admin = new HttpRequestMessage(HttpMethod.Get, $"/api/urls/{code}").WithKey(LinkLifecycleRequests.ApiKey);
        var managed = await (await _client.SendAsync(admin)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("title").ValueKind);
        Assert.Empty(Tags(anonymous));
        Assert.Equal("Secret plans", managed.GetProperty("title").GetString());
        Assert.Equal(["hidden"], Tags(managed));
    }

    [Fact]
    public async Task ALinkCreatedWhereADeletedOneWasHasNoneOfItsTags()
    {
        var deleted = (await _client.CreateLinkAsync(new { url = "https://example.com/deleted-tagged", tags = new[] { "left-behind" } })).Code();
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteLinkAsync(deleted)).StatusCode);

        var next = await _client.CreateLinkAsync("https://example.com/after-the-delete");

        Assert.Empty(Tags(next));
        Assert.Empty(Tags(await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{next.Code()}")));
    }

    private static string[] Tags(JsonElement link) => [.. link.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
}
