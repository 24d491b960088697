using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Access;

/// <summary><c>GET /api/access</c>: the mode, whether keys exist, and who the caller is, for the page to decide what to show.</summary>
public sealed class TellingThePageWhatItMayShow
{
    [Fact]
    public async Task AnOpenServiceWithoutKeysSaysSo()
    {
        using var factory = new ShortUrlFactory();

        var access = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/access");

        Assert.Equal("""{"anonymous":"CreateAndList","keysEnabled":false,"caller":null}""", access.GetRawText());
    }

    [Theory]
    [InlineData("Create")]
    [InlineData("None")]
    [InlineData("createandlist")]
    public async Task TheModeIsTheConfiguredOne(string mode)
    {
        using var factory = ShortUrlFactory.WithSettings(("ShortUrl:Anonymous", mode));

        var access = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/access");

        Assert.Equal(mode, access.GetProperty("anonymous").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task AKeyHolderLearnsItsNameAndRole()
    {
        using var factory = ShortUrlFactory.WithSettings(TestKeys.Settings);
        var client = factory.CreateClient();

        var alice = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/access").WithKey(TestKeys.Alice));
        var admin = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/access").WithKey(TestKeys.Admin));
        var anonymous = await client.GetFromJsonAsync<JsonElement>("/api/access");

        Assert.Equal("""{"anonymous":"CreateAndList","keysEnabled":true,"caller":{"name":"alice","role":"author"}}""",
            (await alice.Content.ReadFromJsonAsync<JsonElement>()).GetRawText());
        Assert.Equal("""{"name":"ApiKeys:0","role":"admin"}""", (await admin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caller").GetRawText());
        Assert.True(anonymous.GetProperty("keysEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("caller").ValueKind);
    }

    [Fact]
    public async Task AWrongKeyIsA403Problem()
    {
        using var factory = ShortUrlFactory.WithSettings(TestKeys.Settings);

        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/access").WithKey(TestKeys.Wrong));

        await ProblemAssert.IsProblemAsync(response, 403);
    }

    [Fact]
    public async Task RequireApiKeyForCreateFromOlderConfigurationsMeansNone()
    {
        using var factory = ShortUrlFactory.WithSettings([.. TestKeys.Settings, ("ShortUrl:RequireApiKeyForCreate", "true")]);
        var client = factory.CreateClient();

        var access = await client.GetFromJsonAsync<JsonElement>("/api/access");

        Assert.Equal("None", access.GetProperty("anonymous").GetString());
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/urls/recent"), 401);
        await ProblemAssert.IsProblemAsync(await client.PostLinkAsync("https://example.com/not-without-a-key"), 401);
    }
}
