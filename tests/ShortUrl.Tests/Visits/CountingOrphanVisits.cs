using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.ComponentModel.DataAnnotations;
using ShortUrl.Hosting;

namespace ShortUrl.Tests.Visits;

/// <summary>Requests that find no link: counted by kind, listed, and sent where <c>ShortUrl:NotFoundRedirects</c> says.</summary>
public sealed class CountingOrphanVisits
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    [Fact]
    public async Task UnknownCodesTheBaseUrlAndOther404sAreRedirectedCountedAndListedByKind()
    {
        using var factory = ShortUrlFactory.WithSettings(
        [
            .. TestKeys.Settings,
            ("ShortUrl:NotFoundRedirects:InvalidShortUrl", "https://example.org/no-such-link"),
            ("ShortUrl:NotFoundRedirects:Regular404", "https://example.org/not-found"),
            ("ShortUrl:NotFoundRedirects:BaseUrl", "https://example.org/"),
        ]);
        var client = factory.CreateClient();

        await AssertRedirectsAsync(client, "/NoSuch99", "https://example.org/no-such-link");
        await AssertRedirectsAsync(client, "/", "https://example.org/");
        await AssertRedirectsAsync(client, "/wp-login.php", "https://example.org/not-found");
        await AssertRedirectsAsync(client, "/some/deeper/path", "https://example.org/not-found");
        using var head = new HttpRequestMessage(HttpMethod.Head, "/NoSuch98");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(head)).StatusCode);
        // The page stays at its own name, and an API path keeps its problem answer.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, "/api/nothing-here")).StatusCode);
        await factory.FlushClicksAsync();

        var summary = await GetAsAdminAsync(client, "/api/visits/orphan/summary");
        Assert.Equal(1, summary.GetProperty("baseUrl").GetInt64());
        Assert.Equal(1, summary.GetProperty("invalidShortUrl").GetInt64());
        Assert.Equal(3, summary.GetProperty("regular404").GetInt64());
        Assert.Equal(5, summary.GetProperty("total").GetInt64());

        var all = await GetAsAdminAsync(client, "/api/visits/orphan?pageSize=2");
        Assert.Equal(5, all.GetProperty("total").GetInt64());
        var newest = all.GetProperty("items").EnumerateArray().First();
        Assert.Equal("regular_404", newest.GetProperty("kind").GetString());
        Assert.Equal("/api/nothing-here", newest.GetProperty("path").GetString());
        Assert.Equal("Firefox", newest.GetProperty("browser").GetString());
        Assert.Equal("Linux", newest.GetProperty("os").GetString());
        Assert.False(newest.GetProperty("bot").GetBoolean());
        Assert.Equal("news.example", newest.GetProperty("referrer").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("country").ValueKind);
        Assert.InRange(newest.GetProperty("visitedAt").GetDateTime(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));

        var invalid = await GetAsAdminAsync(client, "/api/visits/orphan?kind=invalid_short_url");
        Assert.Equal("/NoSuch99", Assert.Single(invalid.GetProperty("items").EnumerateArray()).GetProperty("path").GetString());
        var regular = await GetAsAdminAsync(client, "/api/visits/orphan?kind=regular_404&page=2&pageSize=2");
        Assert.Equal(3, regular.GetProperty("total").GetInt64());
        Assert.Equal("/wp-login.php", Assert.Single(regular.GetProperty("items").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task WithoutRedirectsTheyAre404sAndTheBaseUrlIsThePage()
    {
        using var factory = ShortUrlFactory.WithSettings(TestKeys.Settings);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, "/NoSuch99")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, "/no/such/page")).StatusCode);
        var page = await SendAsync(client, "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        await factory.FlushClicksAsync();

        var summary = await GetAsAdminAsync(client, "/api/visits/orphan/summary");
        Assert.Equal(0, summary.GetProperty("baseUrl").GetInt64());
        Assert.Equal(1, summary.GetProperty("invalidShortUrl").GetInt64());
        Assert.Equal(1, summary.GetProperty("regular404").GetInt64());
    }

    [Fact]
    public async Task OrphanVisitsNeedAnAdminKey()
    {
        using var factory = ShortUrlFactory.WithSettings(TestKeys.Settings);
        var client = factory.CreateClient();

        foreach (var path in new[] { "/api/visits/orphan", "/api/visits/orphan/summary" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
            using var byAuthor = new HttpRequestMessage(HttpMethod.Get, path).WithKey(TestKeys.Alice);
            await ProblemAssert.IsProblemAsync(await client.SendAsync(byAuthor), StatusCodes.Forbidden);
        }

        using var badKind = new HttpRequestMessage(HttpMethod.Get, "/api/visits/orphan?kind=everything").WithKey(TestKeys.Admin);
        await ProblemAssert.IsValidationProblemAsync(await client.SendAsync(badKind), "kind");
    }

    [Theory]
    [InlineData("InvalidShortUrl", "/relative/path")]
    [InlineData("Regular404", "ftp://example.org/")]
    [InlineData("BaseUrl", "not a url")]
    public void NotFoundRedirectsMustBeAbsoluteHttpUrls(string kind, string value)
    {
        var options = new ShortUrlOptions();
        typeof(NotFoundRedirectOptions).GetProperty(kind)!.SetValue(options.NotFoundRedirects, value);

        var problems = options.Validate(new ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        Assert.Equal([$"ShortUrl:NotFoundRedirects:{kind} must be an absolute http or https URL, not '{value}'."], problems);
        options.NotFoundRedirects = new NotFoundRedirectOptions { InvalidShortUrl = "https://example.org/x", BaseUrl = "http://example.org" };
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    private static async Task AssertRedirectsAsync(HttpClient client, string path, string location)
    {
        var response = await SendAsync(client, path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.ToString());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("User-Agent", Firefox);
        request.Headers.Referrer = new Uri("https://news.example/page");
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> GetAsAdminAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).WithKey(TestKeys.Admin);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>())!;
    }

    private static class StatusCodes
    {
        public const int Forbidden = 403;
    }
}
