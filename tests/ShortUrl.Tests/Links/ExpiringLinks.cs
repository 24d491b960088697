using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ShortUrl.Tests.Links;

/// <summary>Links with <c>expiresAt</c>: they redirect until then and answer 410 Gone after, on a clock the tests move.</summary>
public sealed class ExpiringLinks : IClassFixture<ShortUrlFactory>
{
    private readonly TestClock _clock = new();
    private readonly ShortUrlFactory _factory;
    private readonly HttpClient _client;

    public ExpiringLinks(ShortUrlFactory factory)
    {
        _factory = factory;
        var app = factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<TimeProvider>(_clock)));
        _client = app.CreateClient();
    }

    [Fact]
    public async Task ALinkRedirectsUntilItExpiresAndThenAnswers410ProblemJson()
    {
        var link = await _client.CreateLinkAsync(new { url = "https://example.com/offer", expiresAt = LinkLifecycleRequests.InAnHour(_clock) });
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{link.Code()}")).StatusCode);

        _clock.Advance(TimeSpan.FromHours(2));
        var response = await _client.GetAsync($"/{link.Code()}");

        var problem = await ProblemAssert.IsProblemAsync(response, 410);
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task AnExpiredLinkShowsBrowsersAFriendly410Page()
    {
        var link = await _client.CreateLinkAsync(new { url = "https://example.com/gone", expiresAt = LinkLifecycleRequests.InAnHour(_clock) });
        await _client.GetAsync($"/{link.Code()}");
        _clock.Advance(TimeSpan.FromDays(1));

        var response = await _client.GetAsBrowserAsync($"/{link.Code()}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This link has ended", page);
        Assert.Contains("expired on", page);
        Assert.DoesNotContain("<script", page);
    }

    [Fact]
    public async Task TheLinkJsonShowsTheExpiryAndNullForWhatIsNotSet()
    {
        var expiresAt = _clock.GetUtcNow().AddDays(3);
        var created = await _client.CreateLinkAsync(new { url = "https://example.com/json", expiresAt = expiresAt.ToString("O") });

        var details = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{created.Code()}");

        Assert.Equal(expiresAt.UtcDateTime, details.GetProperty("expiresAt").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(JsonValueKind.Null, details.GetProperty("maxClicks").ValueKind);
        Assert.False(details.GetProperty("hasPassword").GetBoolean());
        Assert.Equal("https://example.com/json", details.GetProperty("url").GetString());
    }

    [Fact]
    public async Task APlainLinkHasNullExpiryAndLimitAndNoPassword()
    {
        var created = await _client.CreateLinkAsync("https://example.com/plain");

        Assert.Equal(JsonValueKind.Null, created.GetProperty("expiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("maxClicks").ValueKind);
        Assert.False(created.GetProperty("hasPassword").GetBoolean());
    }

    [Theory]
    [InlineData("2001-01-01T00:00:00Z", "future")]
    [InlineData("next tuesday", "ISO 8601")]
    [InlineData("2030-13-45T99:00:00Z", "ISO 8601")]
    public async Task AnExpiryInThePastOrNotADateIsRejectedAndCreatesNothing(string expiresAt, string hint)
    {
        var before = await _factory.CountStoredLinksAsync();

        var response = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/bad-expiry", expiresAt });

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "expiresAt");
        Assert.Contains(hint, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await _factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task AnExpiryCanBeGivenAsAFormField()
    {
        var response = await _client.PostAsync("/api/urls", new FormUrlEncodedContent(
            [new("url", "https://example.com/form"), new("expiresAt", LinkLifecycleRequests.InAnHour(_clock)), new("maxClicks", "3")]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, link.GetProperty("maxClicks").GetInt64());
        Assert.Equal(JsonValueKind.String, link.GetProperty("expiresAt").ValueKind);
    }
}
