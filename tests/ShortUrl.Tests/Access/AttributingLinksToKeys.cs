using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Access;

/// <summary>Each link records the key that created it; an author lists, exports and manages only its own.</summary>
public sealed class AttributingLinksToKeys(AttributingLinksToKeys.Factory factory) : IClassFixture<AttributingLinksToKeys.Factory>
{
    private readonly HttpClient _anonymous = factory.CreateClient();
    private readonly HttpClient _alice = factory.CreateClient().WithKey(TestKeys.Alice);
    private readonly HttpClient _bob = factory.CreateClient().WithKey(TestKeys.Bob);
    private readonly HttpClient _admin = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(TestKeys.Settings);

    [Fact]
    public async Task ALinkRecordsTheNameOfTheKeyThatCreatedItAndNoneWithoutAKey()
    {
        var byAlice = (await _alice.CreateLinkAsync("https://example.com/attributed/alice")).Code();
        var byAdmin = (await _admin.CreateLinkAsync("https://example.com/attributed/admin")).Code();
        var byNobody = (await _anonymous.CreateLinkAsync("https://example.com/attributed/nobody")).Code();

        var store = factory.Services.GetRequiredService<ILinkStore>();
        Assert.Equal("alice", (await store.FindAsync(byAlice, TestContext.Timeout))!.CreatedBy);
        Assert.Equal("ApiKeys:0", (await store.FindAsync(byAdmin, TestContext.Timeout))!.CreatedBy);
        Assert.Null((await store.FindAsync(byNobody, TestContext.Timeout))!.CreatedBy);
    }

    [Fact]
    public async Task AnAuthorsRecentListHoldsItsOwnLinksAndTheAdminsEveryLink()
    {
        var mine = (await _alice.CreateLinkAsync("https://example.com/recent/alice")).Code();
        var bobs = (await _bob.CreateLinkAsync("https://example.com/recent/bob")).Code();
        var nobodys = (await _anonymous.CreateLinkAsync("https://example.com/recent/nobody")).Code();

        var alices = await CodesAsync(_alice, "/api/urls/recent?limit=100");
        var admins = await CodesAsync(_admin, "/api/urls/recent?limit=100");
        var anonymous = await CodesAsync(_anonymous, "/api/urls/recent?limit=100");

        Assert.Contains(mine, alices);
        Assert.DoesNotContain(bobs, alices);
        Assert.DoesNotContain(nobodys, alices);
        Assert.Subset(admins.ToHashSet(), new HashSet<string> { mine, bobs, nobodys });
        Assert.Subset(anonymous.ToHashSet(), new HashSet<string> { mine, bobs, nobodys });
    }

    [Fact]
    public async Task AnAuthorsExportHoldsItsOwnLinksWithTheirTargetsAndTheAdminsEveryLink()
    {
        var mine = (await _alice.CreateLinkAsync(new { url = "https://example.com/export/alice-secret", password = "pw" })).Code();
        var bobs = (await _bob.CreateLinkAsync("https://example.com/export/bob")).Code();

        var alices = await _alice.GetFromJsonAsync<JsonElement>("/api/urls/export");
        var admins = await _admin.GetStringAsync("/api/urls/export?format=csv");

        var exported = Assert.Single(alices.EnumerateArray(), link => link.GetProperty("code").GetString() == mine);
        Assert.Equal("https://example.com/export/alice-secret", exported.GetProperty("url").GetString());
        Assert.DoesNotContain(alices.EnumerateArray(), link => link.GetProperty("code").GetString() == bobs);
        Assert.Contains("export/alice-secret", admins);
        Assert.Contains("export/bob", admins);
    }

    [Fact]
    public async Task AnAuthorChangesAndDeletesItsOwnLinksButNotAnothersOrOnesMadeWithoutAKey()
    {
        var mine = (await _alice.CreateLinkAsync("https://example.com/manage/alice")).Code();
        var bobs = (await _bob.CreateLinkAsync("https://example.com/manage/bob")).Code();
        var nobodys = (await _anonymous.CreateLinkAsync("https://example.com/manage/nobody")).Code();

        Assert.Equal(HttpStatusCode.OK, (await _anonymous.PatchLinkAsync(mine, """{"url": "https://example.com/manage/alice-2"}""", TestKeys.Alice)).StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(await _anonymous.PatchLinkAsync(bobs, """{"url": "https://example.com/x"}""", TestKeys.Alice), 403);
        await ProblemAssert.IsProblemAsync(await _anonymous.DeleteLinkAsync(nobodys, TestKeys.Alice), 403);
        Assert.Equal(HttpStatusCode.NoContent, (await _anonymous.DeleteLinkAsync(nobodys, TestKeys.Admin)).StatusCode);

        Assert.Contains("another key", problem.GetProperty("detail").GetString());
        Assert.Equal("https://example.com/manage/bob", (await _anonymous.GetAsync($"/{bobs}")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheOwnerAndTheAdminSeeTheTargetOfAProtectedLinkInDetailsAndLists()
    {
        var code = (await _alice.CreateLinkAsync(new { url = "https://example.com/owner-sees/secret", password = "pw" })).Code();

        var owners = await _alice.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        var admins = await _admin.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        var anonymousList = await _anonymous.GetStringAsync("/api/urls/recent?limit=100");

        Assert.Equal("https://example.com/owner-sees/secret", owners.GetProperty("url").GetString());
        Assert.Equal("https://example.com/owner-sees/secret", admins.GetProperty("url").GetString());
        Assert.Contains("owner-sees/secret", await _alice.GetStringAsync("/api/urls/recent?limit=100"));
        Assert.DoesNotContain("owner-sees/secret", anonymousList);
    }

    [Fact]
    public async Task AnUnknownCodeIs404ForAnAuthorToo()
    {
        var response = await _anonymous.PatchLinkAsync("NoSuchLnk", """{"url": "https://example.com/x"}""", TestKeys.Alice);

        await ProblemAssert.IsProblemAsync(response, 404);
    }

    [Fact]
    public async Task ALinkCreatedWithAFormPostByAKeyHolderIsTheKeys()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = new FormUrlEncodedContent([new("url", "https://example.com/attributed/form")]),
        }.WithKey(TestKeys.Bob);

        var created = await _anonymous.SendAsync(request);

        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).Code();
        Assert.Equal("bob", (await factory.Services.GetRequiredService<ILinkStore>().FindAsync(code, TestContext.Timeout))!.CreatedBy);
    }

    private static async Task<List<string>> CodesAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(link => link.Code()).ToList();
}
