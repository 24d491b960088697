using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.RedirectIndex;

namespace ShortUrl.Tests.Redirects;

/// <summary>
/// Redirect rules: by device, language and query parameter, the first that matches wins, else the link's target; set on
/// create and edit, shown in details, kept out of the compact index; <c>Vary</c> only for what the rules read.
/// </summary>
public sealed class FollowingRedirectRules(FollowingRedirectRules.Factory factory) : IClassFixture<FollowingRedirectRules.Factory>
{
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    private const string Pixel = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
    private const string WindowsChrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

    private static readonly object[] DeviceRules =
    [
        new { url = "https://apps.apple.com/app/id1", conditions = new[] { new { type = "device", value = "ios" } } },
        new { url = "https://play.google.com/store/apps/details?id=app", conditions = new[] { new { type = "device", value = "android" } } },
        new { url = "https://example.com/desktop", conditions = new[] { new { type = "device", value = "desktop" } } },
    ];

    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Theory]
    [InlineData(IPhone, "https://apps.apple.com/app/id1")]
    [InlineData("iPhone", "https://apps.apple.com/app/id1")]
    [InlineData(Pixel, "https://play.google.com/store/apps/details?id=app")]
    [InlineData(WindowsChrome, "https://example.com/desktop")]
    [InlineData("Mozilla/5.0 (Mobile; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5", "https://example.com/rules-device")]
    public async Task TheDeviceOfTheUserAgentChoosesTheTarget(string userAgent, string expected)
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/rules-device", rules = DeviceRules })).Code();

        var response = await GetAsync($"/{code}", ("User-Agent", userAgent));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Equal(["User-Agent"], response.Headers.Vary);
    }

    [Theory]
    [InlineData("fr-CA,en;q=0.8", "https://example.fr/")]
    [InlineData("en-US,FR;q=0.5", "https://example.fr/")]
    [InlineData("en-US,fr;q=0", "https://example.com/rules-lang")]
    [InlineData("pt-BR", "https://example.com.br/")]
    [InlineData("pt-PT", "https://example.com/rules-lang")]
    [InlineData("", "https://example.com/rules-lang")]
    public async Task AcceptLanguageChoosesTheTarget(string acceptLanguage, string expected)
    {
        var code = (await _client.CreateLinkAsync(new
        {
            url = "https://example.com/rules-lang",
            rules = new object[]
            {
                new { url = "https://example.fr/", conditions = new[] { new { type = "language", value = "fr" } } },
                new { url = "https://example.com.br/", conditions = new[] { new { type = "language", value = "pt-BR" } } },
            },
        })).Code();

        var response = await GetAsync($"/{code}", ("Accept-Language", acceptLanguage));

        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Equal(["Accept-Language"], response.Headers.Vary);
    }

    [Fact]
    public async Task AQueryParameterChoosesTheTargetAndTheQueryIsForwardedToIt()
    {
        var code = (await _client.CreateLinkAsync(new
        {
            url = "https://example.com/rules-query",
            rules = new[] { new { url = "https://example.com/promo?from=rule", conditions = new[] { new { type = "query", name = "src", value = "mail" } } } },
        })).Code();

        var matched = await _client.GetAsync($"/{code}?x=1&src=mail");
        var other = await _client.GetAsync($"/{code}?src=web");

        Assert.Equal("https://example.com/promo?from=rule&x=1&src=mail", matched.Headers.Location!.OriginalString);
        Assert.Equal("https://example.com/rules-query?src=web", other.Headers.Location!.OriginalString);
        Assert.Empty(matched.Headers.Vary);
    }

    [Fact]
    public async Task TheFirstRuleWhoseConditionsAllHoldWins()
    {
        var code = (await _client.CreateLinkAsync(new
        {
            url = "https://example.com/rules-order",
            rules = new object[]
            {
                new { url = "https://example.com/ios-fr", conditions = new object[] { new { type = "device", value = "ios" }, new { type = "language", value = "fr" } } },
                new { url = "https://example.com/ios", conditions = new object[] { new { type = "device", value = "ios" } } },
                new { url = "https://example.com/fr", conditions = new object[] { new { type = "language", value = "fr" } } },
            },
        })).Code();

        Assert.Equal("https://example.com/ios-fr", (await GetAsync($"/{code}", ("User-Agent", IPhone), ("Accept-Language", "fr"))).Headers.Location!.OriginalString);
        Assert.Equal("https://example.com/ios", (await GetAsync($"/{code}", ("User-Agent", IPhone), ("Accept-Language", "de"))).Headers.Location!.OriginalString);
        Assert.Equal("https://example.com/fr", (await GetAsync($"/{code}", ("User-Agent", Pixel), ("Accept-Language", "fr"))).Headers.Location!.OriginalString);
        var none = await GetAsync($"/{code}", ("User-Agent", Pixel), ("Accept-Language", "de"));
        Assert.Equal("https://example.com/rules-order", none.Headers.Location!.OriginalString);
        Assert.Equal(["User-Agent", "Accept-Language"], none.Headers.Vary);
    }

    [Fact]
    public async Task ALinkWithoutRulesSendsNoVaryAndStaysInTheIndex()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/no-rules" })).Code();

        var response = await GetAsync($"/{code}", ("User-Agent", IPhone));

        Assert.Empty(response.Headers.Vary);
        Assert.Empty(JsonRules(await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")));
        Assert.True(factory.Services.GetRequiredService<LinkIndex>().TryGet(code, out _, out _));
    }

    [Fact]
    public async Task ALinkWithRulesIsServedFromTheCacheNotTheIndex()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/rules-cache", rules = DeviceRules })).Code();

        await GetAsync($"/{code}", ("User-Agent", IPhone));
        var second = await GetAsync($"/{code}", ("User-Agent", Pixel));

        Assert.Equal("https://play.google.com/store/apps/details?id=app", second.Headers.Location!.OriginalString);
        Assert.False(factory.Services.GetRequiredService<LinkIndex>().TryGet(code, out _, out _));
        Assert.Equal(LinkCache.Lookup.Found, factory.Services.GetRequiredService<LinkCache>().TryGet(code, out _));
    }

    [Fact]
    public async Task EveryRuleRedirectIsCountedAsAClick()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/rules-clicks", rules = DeviceRules })).Code();

        await GetAsync($"/{code}", ("User-Agent", IPhone));
        await GetAsync($"/{code}", ("User-Agent", Pixel));
        await GetAsync($"/{code}", ("User-Agent", WindowsChrome));
        await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{code}"));
        await factory.FlushClicksAsync();

        Assert.Equal(3, await _client.ClicksAsync(code));
    }

    [Fact]
    public async Task TheRulesAreShownInTheAnswerDetailsAndLists()
    {
        var created = await _client.CreateLinkAsync(new
        {
            url = "https://example.com/rules-shown",
            rules = new object[]
            {
                new { url = "https://example.com/q", conditions = new object[] { new { type = "query", name = "c", value = "1" }, new { type = "Device", value = "IOS" } } },
            },
        });
        var code = created.Code();

        const string expected = """[{"url":"https://example.com/q","conditions":[{"type":"query","name":"c","value":"1"},{"type":"device","value":"ios"}]}]""";
        Assert.Equal(expected, JsonSerializer.Serialize(created.GetProperty("rules")));
        Assert.Equal(expected, JsonSerializer.Serialize((await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")).GetProperty("rules")));
        var recent = (await _client.GetFromJsonAsync<JsonElement>("/api/urls/recent?limit=100")).EnumerateArray().Single(l => l.Code() == code);
        Assert.Equal(expected, JsonSerializer.Serialize(recent.GetProperty("rules")));
    }

    [Fact]
    public async Task AnEditReplacesTheRulesAndNullRemovesThem()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/rules-edit", rules = DeviceRules })).Code();
        Assert.Equal("https://apps.apple.com/app/id1", (await GetAsync($"/{code}", ("User-Agent", IPhone))).Headers.Location!.OriginalString);

        var replaced = await _client.PatchLinkAsync(code,
            """{"rules": [{"url": "https://example.com/new-ios", "conditions": [{"type": "device", "value": "ios"}]}]}""");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Single(JsonRules(await replaced.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal("https://example.com/new-ios", (await GetAsync($"/{code}", ("User-Agent", IPhone))).Headers.Location!.OriginalString);

        var removed = await _client.PatchLinkAsync(code, """{"rules": null}""");
        Assert.Empty(JsonRules(await removed.Content.ReadFromJsonAsync<JsonElement>()));
        var plain = await GetAsync($"/{code}", ("User-Agent", IPhone));
        Assert.Equal("https://example.com/rules-edit", plain.Headers.Location!.OriginalString);
        Assert.Empty(plain.Headers.Vary);
    }

    [Fact]
    public async Task AnEditCanGiveAPlainLinkRulesAndTheNextRedirectFollowsThem()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/rules-later" })).Code();
        await GetAsync($"/{code}", ("User-Agent", IPhone));

        Assert.Equal(HttpStatusCode.OK, (await _client.PatchLinkAsync(code,
            """{"rules": [{"url": "https://example.com/later-ios", "conditions": [{"type": "device", "value": "ios"}]}]}""")).StatusCode);

        Assert.Equal("https://example.com/later-ios", (await GetAsync($"/{code}", ("User-Agent", IPhone))).Headers.Location!.OriginalString);
        Assert.False(factory.Services.GetRequiredService<LinkIndex>().TryGet(code, out _, out _));
    }

    [Fact]
    public async Task RulesOfAPasswordProtectedLinkAreFollowedAfterThePassword()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/rules-secret", password = "open sesame", rules = DeviceRules })).Code();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/{code}") { Content = new FormUrlEncodedContent([new("password", "open sesame")]) };
        request.Headers.TryAddWithoutValidation("User-Agent", IPhone);
        var unlocked = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, unlocked.StatusCode);
        Assert.Equal("https://apps.apple.com/app/id1", unlocked.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnExpiredLinkWithRulesIsGoneWhateverTheDevice()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/rules-limited", maxClicks = 1, rules = DeviceRules })).Code();

        Assert.Equal("https://apps.apple.com/app/id1", (await GetAsync($"/{code}", ("User-Agent", IPhone))).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Gone, (await GetAsync($"/{code}", ("User-Agent", IPhone))).StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _client.SendAsync(request);
    }

    private static List<JsonElement> JsonRules(JsonElement link) => [.. link.GetProperty("rules").EnumerateArray()];
}
