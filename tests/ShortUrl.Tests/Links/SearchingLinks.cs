using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Links;

/// <summary>
/// <c>GET /api/urls</c>: a piece of the code or the target, in any case, over every link, a page at a time. Each test
/// looks for a marker of its own, so the links of the other tests in the class never match.
/// </summary>
public sealed class SearchingLinks(SearchingLinks.Factory factory) : IClassFixture<SearchingLinks.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(TestKeys.Settings);

    [Fact]
    public async Task APieceOfTheTargetFindsTheLinkInAnyCase()
    {
        var marker = Marker();
        var code = (await _client.CreateLinkAsync($"https://example.com/{marker}/Report-Q3")).Code();
        await _client.CreateLinkAsync($"https://example.com/{marker}/other");

        var found = await SearchAsync($"?q={marker.ToUpperInvariant()}/rEPORT");

        Assert.Equal([code], Codes(found));
        Assert.Equal(1, found.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task APieceOfTheCodeFindsTheLink()
    {
        var marker = Marker();
        var code = (await _client.CreateLinkAsync("https://example.com/by-alias", alias: $"alias-{marker}-x")).Code();

        var found = await SearchAsync($"?q={marker.ToUpperInvariant()}-X");

        Assert.Equal([code], Codes(found));
    }

    [Fact]
    public async Task EachLinkFoundHasEveryFieldOfTheLinkJson()
    {
        var marker = Marker();
        var created = await _client.CreateLinkAsync($"https://example.com/{marker}/fields");

        var found = await SearchAsync($"?q={marker}");

        Assert.Equal(created.ToString(), found.GetProperty("items").EnumerateArray().Single().ToString());
    }

    [Fact]
    public async Task TextOfOneOrTwoCharactersIsFoundTooInAnyCase()
    {
        using var factory = new Factory();
        var client = factory.CreateClient();
        var withQz = (await client.CreateLinkAsync("https://example.com/aQzb", alias: "first-link")).Code();
        var withZq = (await client.CreateLinkAsync("https://example.com/zq", alias: "ZQZQ-code")).Code();
        await client.CreateLinkAsync("https://example.com/nothing-here", alias: "plain-alias");

        var two = await SearchAsync("?q=qZ&sort=created", client);
        var newestOnePerPage = await SearchAsync("?q=qZ&pageSize=1", client);
        var percent = await SearchAsync("?q=%25", client);
        var underscore = await SearchAsync("?q=_", client);

        Assert.Equal([withQz, withZq], Codes(two));
        Assert.Equal(2, two.GetProperty("total").GetInt64());
        Assert.Equal([withZq], Codes(newestOnePerPage));
        Assert.Equal(2, newestOnePerPage.GetProperty("total").GetInt64());
        Assert.Empty(Codes(percent));
        Assert.Empty(Codes(underscore));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("a%b")]
    [InlineData("a_b")]
    [InlineData(@"a\b")]
    public async Task WildcardsInTheTextMatchOnlyThemselves(string wildcard)
    {
        var marker = Marker();
        var code = (await _client.CreateLinkAsync($"https://example.com/{marker}/{Uri.EscapeDataString(wildcard)}")).Code();
        await _client.CreateLinkAsync($"https://example.com/{marker}/axxb");

        var found = await SearchAsync($"?q={Uri.EscapeDataString(marker + "/" + Uri.EscapeDataString(wildcard))}");

        Assert.Equal([code], Codes(found));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("a\"b")]
    [InlineData("NEAR(a b)")]
    [InlineData("code : x")]
    [InlineData("{url}: x")]
    [InlineData("a OR b")]
    [InlineData("ab*")]
    [InlineData("^abc")]
    [InlineData("-abc")]
    public async Task TextThatLooksLikeQuerySyntaxIsJustText(string text)
    {
        var marker = Marker();
        var code = (await _client.CreateLinkAsync($"https://example.com/{marker}?x={Uri.EscapeDataString(text)}")).Code();

        var found = await SearchAsync($"?q={Uri.EscapeDataString(Uri.EscapeDataString(text))}");
        var nothing = await SearchAsync($"?q={Uri.EscapeDataString(text + marker)}");

        Assert.Contains(code, Codes(found));
        Assert.Empty(Codes(nothing));
    }

    [Fact]
    public async Task AnEditedTargetIsFoundByItsNewTextOnly()
    {
        var marker = Marker();
        var code = (await _client.CreateLinkAsync($"https://example.com/{marker}/before")).Code();

        var edited = await _client.PatchLinkAsync(code, $$"""{"url": "https://example.com/{{marker}}/after"}""");

        edited.EnsureSuccessStatusCode();
        Assert.Empty(Codes(await SearchAsync($"?q={marker}/before")));
        Assert.Equal([code], Codes(await SearchAsync($"?q={marker}/after")));
    }

    [Fact]
    public async Task ADeletedLinkIsNotFound()
    {
        var marker = Marker();
        var code = (await _client.CreateLinkAsync($"https://example.com/{marker}/deleted")).Code();

        (await _client.DeleteLinkAsync(code)).EnsureSuccessStatusCode();

        var found = await SearchAsync($"?q={marker}");
        Assert.Empty(Codes(found));
        Assert.Equal(0, found.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task PagesSplitTheMatchesAndTheTotalCountsThemAll()
    {
        var marker = Marker();
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await _client.CreateLinkAsync($"https://example.com/{marker}/{i}")).Code());
        }

        codes.Reverse();
        var first = await SearchAsync($"?q={marker}&pageSize=2");
        var third = await SearchAsync($"?q={marker}&pageSize=2&page=3");
        var beyond = await SearchAsync($"?q={marker}&pageSize=2&page=4");

        Assert.Equal(codes[..2], Codes(first));
        Assert.Equal(codes[4..], Codes(third));
        Assert.Empty(Codes(beyond));
        foreach (var (page, number) in new[] { (first, 1), (third, 3), (beyond, 4) })
        {
            Assert.Equal(5, page.GetProperty("total").GetInt64());
            Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
            Assert.Equal(number, page.GetProperty("page").GetInt32());
        }
    }

    [Fact]
    public async Task WithoutParametersTheNewestTwentyOfAllLinksComeFirst()
    {
        using var factory = new Factory();
        var client = factory.CreateClient();
        var codes = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            codes.Add((await client.CreateLinkAsync($"https://example.com/all/{i}")).Code());
        }

        var page = await SearchAsync("", client);

        codes.Reverse();
        Assert.Equal(codes[..20], Codes(page));
        Assert.Equal(21, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("created", "a b c")]
    [InlineData("-created", "c b a")]
    [InlineData("clicks", "b c a")]
    [InlineData("-clicks", "a c b")]
    [InlineData("code", "a b c")]
    [InlineData("-code", "c b a")]
    public async Task EachSortOrdersTheMatchesEitherWayRound(string sort, string expected)
    {
        var marker = Marker();
        // Created in the order a, b, c; clicked a 3 times, b never, c once.
        foreach (var (name, clicks) in new[] { ("a", 3), ("b", 0), ("c", 1) })
        {
            var code = (await _client.CreateLinkAsync($"https://example.com/{marker}", alias: $"{marker}-{name}")).Code();
            for (var i = 0; i < clicks; i++)
            {
                await _client.GetAsync($"/{code}");
            }
        }

        await factory.FlushClicksAsync();

        var found = await SearchAsync($"?q={marker}&sort={sort}");

        Assert.Equal(expected.Split(' ').Select(name => $"{marker}-{name}"), Codes(found));
    }

    [Fact]
    public async Task EqualClicksKeepTheOrderOfCreationTheSameWayRound()
    {
        var marker = Marker();
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await _client.CreateLinkAsync($"https://example.com/{marker}/{i}")).Code());
        }

        var ascending = await SearchAsync($"?q={marker}&sort=clicks");
        var descending = await SearchAsync($"?q={marker}&sort=-clicks");

        Assert.Equal(codes, Codes(ascending));
        codes.Reverse();
        Assert.Equal(codes, Codes(descending));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=x", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("page=", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("sort=newest", "sort")]
    [InlineData("sort=%2Bcode", "sort")]
    [InlineData("sort=CODE", "sort")]
    [InlineData("sort=", "sort")]
    [InlineData("tagMode=some", "tagMode")]
    [InlineData("tagMode=", "tagMode")]
    [InlineData("tag=Not%21a%21tag", "tag")]
    [InlineData("tag=", "tag")]
    [InlineData("q=a%0Ab", "q")]
    public async Task ABadParameterReturns400NamingIt(string query, string field)
    {
        var response = await _client.GetAsync($"/api/urls?{query}");

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task TextLongerThanTwoHundredCharactersReturns400NamingQ()
    {
        var response = await _client.GetAsync($"/api/urls?q={new string('a', 201)}");

        await ProblemAssert.IsValidationProblemAsync(response, "q");
    }

    [Fact]
    public async Task MoreThanTwentyTagsReturn400NamingTag()
    {
        var response = await _client.GetAsync("/api/urls?" + string.Join('&', Enumerable.Range(0, 21).Select(i => $"tag=t{i}")));

        await ProblemAssert.IsValidationProblemAsync(response, "tag");
    }

    [Fact]
    public async Task BlankTextListsEveryLink()
    {
        var blank = await SearchAsync("?q=%20%20&pageSize=1");
        var none = await SearchAsync("?pageSize=1");

        Assert.Equal(none.GetProperty("total").GetInt64(), blank.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task WithoutAKeyTheTargetOfAPasswordProtectedLinkIsNeitherShownNorSearched()
    {
        var marker = Marker();
        var created = await _client.CreateLinkAsync(new { url = $"https://example.com/{marker}/secret-target", password = "pass", alias = $"{marker}-locked" });

        var byTarget = await SearchAsync($"?q={marker}/secret");
        var byCode = await SearchAsync($"?q={marker}-locked");
        var byTargetWithKey = await SearchAsync($"?q={marker}/secret", factory.CreateClient().WithKey(TestKeys.Admin));

        Assert.Empty(Codes(byTarget));
        var listed = byCode.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("url").ValueKind);
        Assert.Equal([created.Code()], Codes(byTargetWithKey));
        Assert.Equal($"https://example.com/{marker}/secret-target", byTargetWithKey.GetProperty("items")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task AnAuthorFindsOnlyItsOwnLinksAndTheAdminEveryLink()
    {
        var marker = Marker();
        var alice = factory.CreateClient().WithKey(TestKeys.Alice);
        var bob = factory.CreateClient().WithKey(TestKeys.Bob);
        var admin = factory.CreateClient().WithKey(TestKeys.Admin);
        var alices = (await alice.CreateLinkAsync($"https://example.com/{marker}/alice")).Code();
        var bobs = (await bob.CreateLinkAsync($"https://example.com/{marker}/bob")).Code();
        var anonymous = (await _client.CreateLinkAsync($"https://example.com/{marker}/nobody")).Code();

        var alicesSearch = await SearchAsync($"?q={marker}", alice);
        Assert.Equal([alices], Codes(alicesSearch));
        Assert.Equal(1, alicesSearch.GetProperty("total").GetInt64());
        Assert.Equal([bobs], Codes(await SearchAsync($"?q={marker}", bob)));
        Assert.Equal([anonymous, bobs, alices], Codes(await SearchAsync($"?q={marker}", admin)));
        Assert.Equal([anonymous, bobs, alices], Codes(await SearchAsync($"?q={marker}")));
        Assert.Equal(1, (await SearchAsync("?q=", alice)).GetProperty("total").GetInt64());
    }

    /// <summary>A piece of text no other test's links hold.</summary>
    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..10];

    private async Task<JsonElement> SearchAsync(string query, HttpClient? client = null)
    {
        var response = await (client ?? _client).GetAsync($"/api/urls{query}");
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Codes(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(link => link.Code()).ToList();
}
