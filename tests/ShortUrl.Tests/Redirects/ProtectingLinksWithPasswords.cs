using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Links;
using ShortUrl.Storage;
namespace ShortUrl.Tests.Redirects;

/// <summary>Links with a password: a page asks for it, the right one leads on, wrong ones are refused and limited.</summary>
public sealed class ProtectingLinksWithPasswords(ProtectingLinksWithPasswords.Factory factory) : IClassFixture<ProtectingLinksWithPasswords.Factory>
{
    private const string Password = "correct horse battery staple";

    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Three attempts a minute, so that the limit is quick to reach.</summary>
    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:PasswordAttempts:PermitLimit", "3"));

    [Fact]
    public async Task BrowsersGetAPasswordPageThatPostsToTheSamePathWithoutScript()
    {
        var code = await CreateProtectedAsync("https://example.com/secret");

        var response = await _client.GetAsBrowserAsync($"/{code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"""action="/{code}" method="post">""", page);
        Assert.Contains("""type="password" id="password" name="password" required""", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("example.com/secret", page);
    }

    [Fact]
    public async Task ApiClientsGet403ProblemJsonInsteadOfTheTarget()
    {
        var code = await CreateProtectedAsync("https://example.com/api-secret");

        var response = await _client.GetAsync($"/{code}");

        var problem = await ProblemAssert.IsProblemAsync(response, 403);
        Assert.Contains("password", problem.GetProperty("detail").GetString());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task TheRightPasswordLeadsOnWithSeeOtherAndCountsAClick()
    {
        var code = await CreateProtectedAsync("https://example.com/unlocked");

        var response = await _client.PostPasswordAsync(code, Password, asBrowser: true);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://example.com/unlocked", response.Headers.Location?.OriginalString);
        await factory.FlushClicksAsync();
        Assert.Equal(1, (await factory.Services.GetRequiredService<ILinkStore>().FindAsync(code, TestContext.Timeout))!.Clicks);
    }

    [Fact]
    public async Task AWrongPasswordShowsTheFormAgainWithTheMessageAndLeadsNowhere()
    {
        var code = await CreateProtectedAsync("https://example.com/wrong");

        var page = await _client.PostPasswordAsync(code, "not it", asBrowser: true);
        var api = await _client.PostPasswordAsync(code, "not it either");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Null(page.Headers.Location);
        Assert.Contains("That password is not right", await page.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(api, 403);
    }

    [Fact]
    public async Task WrongPasswordsAreRateLimitedPerLinkWith429()
    {
        var code = await CreateProtectedAsync("https://example.com/guessed");
        var other = await CreateProtectedAsync("https://example.com/not-guessed");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await _client.PostPasswordAsync(code, $"guess {attempt}")).StatusCode);
        }

        var limited = await _client.PostPasswordAsync(code, Password);

        await ProblemAssert.IsProblemAsync(limited, 429);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.SeeOther, (await _client.PostPasswordAsync(other, Password)).StatusCode);
    }

    [Fact]
    public async Task ThePasswordIsStoredOnlyAsASaltedHashAndNeverShown()
    {
        var created = await _client.CreateLinkAsync(new { url = "https://example.com/hashed", password = Password });
        var again = await _client.CreateLinkAsync(new { url = "https://example.com/hashed-too", password = Password });

        var store = factory.Services.GetRequiredService<ILinkStore>();
        var first = (await store.FindAsync(created.Code(), TestContext.Timeout))!.PasswordHash!;
        var second = (await store.FindAsync(again.Code(), TestContext.Timeout))!.PasswordHash!;
        Assert.DoesNotContain(Password, first);
        Assert.NotEqual(first, second);
        Assert.True(LinkPasswords.Verify(first, Password));
        Assert.True(created.GetProperty("hasPassword").GetBoolean());
        Assert.DoesNotContain("horse", created.ToString());
        Assert.DoesNotContain(first, await _client.GetStringAsync("/api/urls/recent?limit=100"));
    }

    [Fact]
    public async Task TheAnonymousListHidesTheTargetOfAProtectedLinkAndItsDetailsNeedAKey()
    {
        var created = await _client.CreateLinkAsync(new { url = "https://example.com/hidden-target", password = Password });

        var details = await _client.GetAsync($"/api/urls/{created.Code()}");
        var stats = await _client.GetAsync($"/api/urls/{created.Code()}/stats");
        var recent = await _client.GetStringAsync("/api/urls/recent?limit=100");

        Assert.Equal("https://example.com/hidden-target", created.GetProperty("url").GetString());
        await ProblemAssert.IsProblemAsync(details, 401);
        await ProblemAssert.IsProblemAsync(stats, 401);
        Assert.DoesNotContain("hidden-target", recent);
        Assert.DoesNotContain("hidden-target", await details.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APasswordLongerThanTheLimitIsRejected()
    {
        var response = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/long", password = new string('p', LinkPasswords.MaxLength + 1) });

        await ProblemAssert.IsValidationProblemAsync(response, "password");
    }

    private async Task<string> CreateProtectedAsync(string url) =>
        (await _client.CreateLinkAsync(new { url, password = Password })).Code();
}
