using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Links;

/// <summary>
/// <c>GET /api/urls</c> over titles and tags: a piece of either finds the link, tags filter (any or all), titles sort.
/// The links are written through the service's own store, with their titles and tags, as a create or an edit writes them.
/// </summary>
public sealed class SearchingTitlesAndTags(SearchingTitlesAndTags.Factory factory) : IClassFixture<SearchingTitlesAndTags.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(TestKeys.Settings);

    private ILinkStore Store => factory.Services.GetRequiredService<ILinkStore>();

    [Fact]
    public async Task APieceOfTheTitleFindsTheLinkInAnyCase()
    {
        var marker = Marker();
        var code = await CreateAsync(title: $"Quarterly REPORT {marker} for the board");

        var found = await SearchAsync($"?q=report%20{marker.ToUpperInvariant()}");

        Assert.Equal([code], Codes(found));
        Assert.Equal(1, found.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task APieceOfATagFindsTheLinkButNeverTextAcrossTwoTags()
    {
        var marker = Marker();
        var code = await CreateAsync(tags: [$"{marker}-news", "tech"]);

        var byTag = await SearchAsync($"?q={marker}-NE");
        var acrossTags = await SearchAsync($"?q={marker}-newstech");

        Assert.Equal([code], Codes(byTag));
        Assert.Empty(Codes(acrossTags));
    }

    [Fact]
    public async Task TextLikeQuerySyntaxInATitleIsFoundAsText()
    {
        var marker = Marker();
        var code = await CreateAsync(title: $"{marker} say \"hi\" NEAR(a b) {{code}}: *");

        var found = await SearchAsync($"?q={Uri.EscapeDataString("say \"hi\" NEAR(a b) {code}: *")}");

        Assert.Contains(code, Codes(found));
    }

    [Fact]
    public async Task TextOfOneOrTwoCharactersFindsTitlesAndTagsToo()
    {
        using var own = new Factory();
        var store = own.Services.GetRequiredService<ILinkStore>();
        var client = own.CreateClient();
        var titled = await CreateAsync(store, title: "A Qy title", alias: "first-one");
        var tagged = await CreateAsync(store, tags: ["aqyb"], alias: "second-one");
        await CreateAsync(store, title: "nothing", tags: ["q y", "yq"], alias: "third-one");
        var hidden = await CreateAsync(store, title: "Hidden qy", tags: ["qyq"], alias: "fourth-one", passwordHash: "a-hash");
        var admin = own.CreateClient().WithKey(TestKeys.Admin);

        var found = await SearchAsync("?q=qY&sort=created", client);
        var newestFirst = await SearchAsync("?q=qY", client);
        var secondPage = await SearchAsync("?q=qY&pageSize=1&page=2", client);
        var withKey = await SearchAsync("?q=qY", admin);

        Assert.Equal([titled, tagged], Codes(found));
        Assert.Equal([tagged, titled], Codes(newestFirst));
        Assert.Equal([titled], Codes(secondPage));
        Assert.Equal([hidden, tagged, titled], Codes(withKey));
        Assert.Equal([2, 2, 2, 3], new[] { found, newestFirst, secondPage, withKey }.Select(page => page.GetProperty("total").GetInt64()));
    }

    [Fact]
    public async Task AnEditedTitleAndNewTagsAreFoundByTheirNewTextOnly()
    {
        var marker = Marker();
        var code = await CreateAsync(title: $"{marker} old title", tags: [$"{marker}-oldtag"]);

        await Store.UpdateAsync(code, new LinkChanges(default, default, default, default,
            FieldChange<string?>.To($"{marker} new title"), FieldChange<IReadOnlyList<string>>.To([$"{marker}-newtag"])), TestContext.Timeout);

        Assert.Empty(Codes(await SearchAsync($"?q={marker}%20old")));
        Assert.Empty(Codes(await SearchAsync($"?q={marker}-oldtag")));
        Assert.Equal([code], Codes(await SearchAsync($"?q={marker}%20new")));
        Assert.Equal([code], Codes(await SearchAsync($"?q={marker}-newtag")));
    }

    [Fact]
    public async Task TagsFilterByAnyOfThemByDefaultOrByAllOfThem()
    {
        var marker = Marker();
        var (red, blue) = ($"{marker}-red", $"{marker}-blue");
        var onlyRed = await CreateAsync(tags: [red]);
        var both = await CreateAsync(tags: [blue, red]);
        var onlyBlue = await CreateAsync(tags: [blue]);
        await CreateAsync(tags: [$"{marker}-green"]);

        var any = await SearchAsync($"?tag={red}&tag={blue}");
        var all = await SearchAsync($"?tag={red}&tag={blue}&tagMode=all");
        var oneOfAll = await SearchAsync($"?tag={red}&tagMode=all");

        Assert.Equal([onlyBlue, both, onlyRed], Codes(any));
        Assert.Equal(3, any.GetProperty("total").GetInt64());
        Assert.Equal([both], Codes(all));
        Assert.Equal([both, onlyRed], Codes(oneOfAll));
    }

    [Fact]
    public async Task TagsAreMatchedAsNormalisedAndAnUnknownTagFindsNothing()
    {
        var marker = Marker();
        var code = await CreateAsync(tags: [$"{marker} big news"]);

        var spelledLoosely = await SearchAsync($"?tag={Uri.EscapeDataString($"  {marker.ToUpperInvariant()}   Big\tNews ")}");
        var unknown = await SearchAsync($"?tag={marker}-unknown");

        Assert.Equal([code], Codes(spelledLoosely));
        Assert.Empty(Codes(unknown));
        Assert.Equal(0, unknown.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task TextAndTagsTogetherFindTheLinksMatchingBoth()
    {
        var marker = Marker();
        var both = await CreateAsync(title: $"{marker} budget", tags: [$"{marker}-finance"]);
        await CreateAsync(title: $"{marker} budget");
        await CreateAsync(title: $"{marker} holidays", tags: [$"{marker}-finance"]);

        var found = await SearchAsync($"?q={marker}%20bud&tag={marker}-finance");
        var shortText = await SearchAsync($"?q=t&tag={marker}-finance&sort=created");

        Assert.Equal([both], Codes(found));
        Assert.Equal(2, shortText.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("title", "apple Banana cherry (none)")]
    [InlineData("-title", "cherry Banana apple (none)")]
    public async Task TitlesSortInAnyCaseWithUntitledLinksLastEitherWayRound(string sort, string expected)
    {
        var marker = Marker();
        var codes = new Dictionary<string, string>();
        foreach (var title in new[] { "Banana", "(none)", "cherry", "apple" })
        {
            codes[title] = await CreateAsync(title: title == "(none)" ? null : title, tags: [marker]);
        }

        var found = await SearchAsync($"?tag={marker}&sort={sort}");

        Assert.Equal(expected.Split(' ').Select(title => codes[title]), Codes(found));
    }

    [Fact]
    public async Task WithoutAKeyThePasswordProtectedLinksAreFoundByTheirCodeAloneNeverByTitleOrTag()
    {
        var marker = Marker();
        var code = await CreateAsync(Store, title: $"{marker} hidden title", tags: [$"{marker}-hidden"], alias: $"{marker}-locked", passwordHash: "a-hash");
        var admin = factory.CreateClient().WithKey(TestKeys.Admin);

        foreach (var query in new[] { $"?q={marker}%20hidden", $"?q={marker}-hidden", $"?tag={marker}-hidden", $"?q=t&tag={marker}-hidden",
                     $"?q={marker}&tag={marker}-hidden", $"?q={marker}%20hidden&sort=code" })
        {
            var hidden = await SearchAsync(query);
            var shown = await SearchAsync(query, admin);
            Assert.Empty(Codes(hidden));
            Assert.Equal(0, hidden.GetProperty("total").GetInt64());
            Assert.Equal([code], Codes(shown));
            Assert.Equal(1, shown.GetProperty("total").GetInt64());
        }

        var foundByCode = await SearchAsync($"?q={marker}-LOCKED");
        Assert.Equal(1, foundByCode.GetProperty("total").GetInt64());
        var byCode = foundByCode.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, byCode.GetProperty("title").ValueKind);
        Assert.Empty(byCode.GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task WithoutAKeyAHiddenTitleSortsAsNoTitle()
    {
        var marker = Marker();
        var hidden = await CreateAsync(Store, title: "aaa first by title", alias: $"{marker}-hidden", passwordHash: "a-hash");
        var shown = await CreateAsync(Store, title: "zzz last by title", alias: $"{marker}-shown");
        var admin = factory.CreateClient().WithKey(TestKeys.Admin);

        Assert.Equal([shown, hidden], Codes(await SearchAsync($"?q={marker}&sort=title")));
        Assert.Equal([hidden, shown], Codes(await SearchAsync($"?q={marker}&sort=title", admin)));
    }

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..10];

    private Task<string> CreateAsync(string? title = null, string[]? tags = null) => CreateAsync(Store, title, tags);

    private static async Task<string> CreateAsync(
        ILinkStore store, string? title = null, string[]? tags = null, string? alias = null, string? passwordHash = null)
    {
        var code = alias ?? "c" + Guid.NewGuid().ToString("N")[..12];
        var link = await store.TryCreateAsync(
            code, $"https://example.com/labelled/{Guid.NewGuid():N}", DateTime.UtcNow, new LinkRules(null, null, passwordHash), null,
            new LinkLabels(title, tags ?? []), TestContext.Timeout);
        return link!.Code;
    }

    private async Task<JsonElement> SearchAsync(string query, HttpClient? client = null)
    {
        var response = await (client ?? _client).GetAsync($"/api/urls{query}");
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Codes(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(link => link.Code()).ToList();
}
