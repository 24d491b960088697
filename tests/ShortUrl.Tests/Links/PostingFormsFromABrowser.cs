using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Links;

/// <summary>
/// The page's form posted without JavaScript gets pages back; every other client of <c>POST /api/urls</c> keeps
/// getting JSON or text, whatever else it accepts.
/// </summary>
public sealed class PostingFormsFromABrowser(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    // What Chromium and Firefox send when following a form.
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ABrowsersFormPostGetsA201PageWithTheShortLinkAndTheTarget()
    {
        var response = await PostFormAsync(LinkRequests.BrowserAccept, ("url", "https://example.com/page?a=1&b=2"), ("alias", "as-a-page"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/api/urls/as-a-page", response.Headers.Location?.OriginalString);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<a id="short-link" class="short-link" href="http://localhost/as-a-page">http://localhost/as-a-page</a>""", html);
        Assert.Contains("https://example.com/page?a=1&amp;b=2", html);
        Assert.Contains("""<a href="/">Shorten another link</a>""", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task TheResultPageShowsAnHtmlShapedTargetAsEncodedText()
    {
        var response = await PostFormAsync(LinkRequests.BrowserAccept, ("url", "https://example.com/<img src=x onerror=alert(1)>\"'"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<img", html);
        Assert.Contains("https://example.com/&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;", html);
    }

    [Fact]
    public async Task ABrowsersInvalidFormPostGetsA400PageWithTheMessageAndWhatWasTyped()
    {
        var response = await PostFormAsync(LinkRequests.BrowserAccept, ("url", "ftp://x\"><b>"), ("alias", "kept"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<p id="url-error" class="field-error" role="alert">Only http and https URLs can be shortened.</p>""", html);
        Assert.Contains("""name="url" value="ftp://x&quot;&gt;&lt;b&gt;" aria-invalid="true" required""", html);
        Assert.Contains("""name="alias" value="kept" pattern""", html);
        Assert.Contains("""<a href="/">Start over</a>""", html);
    }

    [Fact]
    public async Task ABrowsersFormPostWithATakenAliasGetsA409PageAndChangesNothing()
    {
        await PostFormAsync(LinkRequests.BrowserAccept, ("url", "https://example.com/mine"), ("alias", "page-taken"));

        var response = await PostFormAsync(LinkRequests.BrowserAccept, ("url", "https://example.com/theirs"), ("alias", "page-taken"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("The alias &#x27;page-taken&#x27; is already taken; choose another.", await response.Content.ReadAsStringAsync());
        var link = await _client.GetFromJsonAsync<JsonElement>("/api/urls/page-taken");
        Assert.Equal("https://example.com/mine", link.GetProperty("url").GetString());
    }

    [Fact]
    public async Task ABrowsersOversizedFormPostGetsA413Page()
    {
        var response = await PostFormAsync(LinkRequests.BrowserAccept, ("url", "https://example.com/" + new string('a', 20_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The body is larger than 16 KiB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABrowsersRateLimitedFormPostGetsA429PageSayingWhenToTryAgain()
    {
        using var limited = ShortUrlFactory.WithSettings(("ShortUrl:RateLimit:PermitLimit", "1"));
        using var client = limited.CreateClient();
        await PostFormAsync(client, LinkRequests.BrowserAccept, ("url", "https://example.com/one"));

        var response = await PostFormAsync(client, LinkRequests.BrowserAccept, ("url", "https://example.com/two"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Too many links created from your address; try again in", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABrowsersFormPostThatFailsInsideGetsA500PageWithWhatWasTypedNotProblemJson()
    {
        using var failing = factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton(FailingStore.Of<ILinkStore>())));
        using var client = failing.CreateClient();

        var response = await PostFormAsync(client, LinkRequests.BrowserAccept, ("url", "https://example.com/broken"), ("alias", "broken-page"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<p id="form-error" class="form-error" role="alert">The service could not complete the request. Nothing was changed; try again.</p>""", html);
        Assert.Contains("""name="url" value="https://example.com/broken" """, html);
        Assert.Contains("""name="alias" value="broken-page" """, html);
        Assert.DoesNotContain(FailingStore.Message, html);
        Assert.Contains("frame-ancestors 'none'", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task ABrowsersFormPostWithoutAKeyWhereCreatingNeedsOneGetsA401Page()
    {
        using var keyed = ShortUrlFactory.WithSettings(
            ("ShortUrl:RequireApiKeyForCreate", "true"), ("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));
        using var client = keyed.CreateClient();

        var response = await PostFormAsync(client, LinkRequests.BrowserAccept, ("url", "https://example.com/keyless"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This needs an API key", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("application/json, text/html;q=0.5")]
    [InlineData("text/html;q=0.5, application/json")]
    public async Task OtherFormPostsStillGetJson(string? accept)
    {
        var created = await PostFormAsync(accept, ("url", "https://example.com/json-please"));
        var invalid = await PostFormAsync(accept, ("url", "ftp://x"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AFormPostAcceptingTextPlainStillGetsTheBareShortUrl()
    {
        var response = await PostFormAsync("text/plain, text/html;q=0.9", ("url", "https://example.com/plain"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^http://localhost/[A-Za-z0-9]{7}\n$", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("text/plain, application/json;q=0.5", "text/plain")]
    [InlineData("text/plain, application/json", "application/json")]
    [InlineData("text/plain;q=0.5, text/html", "text/html")]
    [InlineData("text/plain, text/html", "text/plain")]
    public async Task TheHighestQualityNamedTypeWinsAndTiesGoToJsonThenText(string accept, string mediaType)
    {
        var response = await PostFormAsync(accept, ("url", "https://example.com/negotiated"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AJsonPostAcceptingHtmlStillGetsJson()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = JsonContent.Create(new { url = "ftp://x" }) };
        request.Headers.TryAddWithoutValidation("Accept", LinkRequests.BrowserAccept);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<HttpResponseMessage> PostFormAsync(string? accept, params (string Name, string Value)[] fields) =>
        PostFormAsync(_client, accept, fields);

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string? accept, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return client.SendAsync(request);
    }
}
