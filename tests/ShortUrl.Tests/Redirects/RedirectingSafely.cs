using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;
namespace ShortUrl.Tests.Redirects;

public sealed partial class RedirectingSafely(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Valid targets full of characters that must not reach a header as they are.</summary>
    public static TheoryData<string> AwkwardTargets => new()
    {
        "https://example.com/a%0d%0aSet-Cookie:%20session=evil",
        "https://example.com/%0D%0ALocation:%20https://evil.example/",
        "https://example.com/%00%01%7F",
        "https://bücher.example/straße?q=ü#größe",
        "https://例え.テスト/パス?検索=語",
        "https://example.com/emoji/🔗?x=😀",
        "https://example.com/<script>alert(\"x\")</script>",
        "https://example.com/'single' \"double\" `back`",
        "https://example.com/a b c?d e#f g",
        "https://example.com/{braces}|pipe^caret[brackets]",
        "https://example.com/%25%32%35already%20encoded",
        "https://example.com/a\\b\\c",
        "https://EXAMPLE.com:8443/Case/Port",
        "http://[2001:db8::1]:8080/v6",
        "http://192.0.2.10/v4",
        "https://xn--bcher-kva.example/",
        "https://example.com/path;params?a=1&b=2&a=3#frag",
        "https://example.com",
    };

    [Theory]
    [MemberData(nameof(AwkwardTargets))]
    public async Task TheLocationIsAlwaysAWellFormedAsciiAbsoluteHttpUrlOfTheTarget(string target)
    {
        var created = await _client.PostAsJsonAsync("/api/urls", new { url = target });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            var redirect = await _client.SendAsync(new HttpRequestMessage(method, $"/{code}"));

            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.False(redirect.Headers.Contains("Set-Cookie"));
            var location = Assert.Single(redirect.Headers.GetValues("Location"));
            AssertIsSafeLocationOf(target, location);
        }
    }

    [Theory]
    [InlineData("https://example.com/a\r\nSet-Cookie: session=evil")]
    [InlineData("https://example.com/a\nLocation: https://evil.example/")]
    [InlineData("https://example.com/\u202Egnp.exe")]
    public async Task AStoredTargetWithRawControlCharactersIsEncodedNeverCopiedIntoTheHeader(string stored)
    {
        var code = await StoreBehindTheValidationAsync(stored);

        var redirect = await _client.GetAsync($"/{code}");

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.False(redirect.Headers.Contains("Set-Cookie"));
        AssertIsSafeLocationOf(stored, Assert.Single(redirect.Headers.GetValues("Location")));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("//evil.example/")]
    [InlineData("not a url at all")]
    [InlineData("")]
    public async Task AStoredTargetThatIsNotAnHttpUrlIsNeverARedirect(string stored)
    {
        var code = await StoreBehindTheValidationAsync(stored);

        var response = await _client.GetAsync($"/{code}");

        await ProblemAssert.IsProblemAsync(response, 404);
        Assert.Null(response.Headers.Location);
    }

    /// <summary>A row written around the API's validation, as a hand edit or an older release could have.</summary>
    private async Task<string> StoreBehindTheValidationAsync(string url)
    {
        var code = "stored" + Guid.NewGuid().ToString("N")[..8];
        var store = factory.Services.GetRequiredService<ILinkStore>();
        Assert.NotNull(await store.TryCreateAsync(code, url, DateTime.UtcNow, LinkRules.None, null, LinkLabels.None, CancellationToken.None));
        return code;
    }

    private static void AssertIsSafeLocationOf(string target, string location)
    {
        Assert.All(location, c => Assert.InRange(c, '!', '~'));
        Assert.Matches(Rfc3986HttpUrl(), location);
        var redirected = new Uri(location);
        Assert.Contains(redirected.Scheme, new[] { "http", "https" });

        // The same place: same host (in its IDNA form), port, and path and query once decoded.
        var original = new Uri(target.Trim());
        Assert.Equal(original.IdnHost, redirected.IdnHost);
        Assert.Equal(original.Port, redirected.Port);
        Assert.Equal(Uri.UnescapeDataString(original.PathAndQuery), Uri.UnescapeDataString(redirected.PathAndQuery));
    }

    /// <summary>RFC 3986: an http(s) authority, then path, query and fragment of their allowed characters, '%' only before two hex digits.</summary>
    [GeneratedRegex(
        @"^https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-.]+)(:[0-9]+)?(/([A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*)?"
        + @"(\?([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?(#([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$")]
    private static partial Regex Rfc3986HttpUrl();
}
