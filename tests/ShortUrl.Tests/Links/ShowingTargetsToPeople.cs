using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortUrl.Links;

namespace ShortUrl.Tests.Links;

/// <summary>
/// A target as a person reads it (the page, the preview, the no-JS result page): a host that could pass for another name
/// is spelled in its xn-- form, as browsers do; every other target reads as it was typed.
/// </summary>
public sealed class ShowingTargetsToPeople(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    // "apple" in Cyrillic letters under a Latin top-level domain.
    [InlineData("https://аррӏе.com/", "https://xn--80ak6aa92e.com/")]
    [InlineData("https://xn--80ak6aa92e.com/", "https://xn--80ak6aa92e.com/")]
    [InlineData("https://www.аррӏе.com/login?next=/", "https://www.xn--80ak6aa92e.com/login?next=/")]
    // A Cyrillic а among Latin letters.
    [InlineData("https://аpple.com/", "https://xn--pple-43d.com/")]
    [InlineData("http://pаypal.com:8080/x", "http://xn--pypal-4ve.com:8080/x")]
    // "ok" in Greek letters.
    [InlineData("https://οκ.com/", "https://xn--vxaj.com/")]
    // A zero-width joiner inside "apple", typed in its ASCII form.
    [InlineData("https://xn--apple-zt3b.com/", "https://xn--apple-zt3b.com/")]
    public void AHostThatCouldPassForAnotherIsShownInItsAsciiForm(string url, string shown)
    {
        var display = DisplayUrl.Show(url);

        Assert.Equal(shown, display.Text);
        Assert.NotNull(display.Caution);
    }

    [Theory]
    [InlineData("https://example.com/a?b=c#d", "https://example.com/a?b=c#d")]
    [InlineData("https://Example.COM:8443/Path", "https://Example.COM:8443/Path")]
    [InlineData("https://example.com/straße/пример", "https://example.com/straße/пример")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080/")]
    [InlineData("http://127.0.0.1/", "http://127.0.0.1/")]
    // A genuine Cyrillic name, typed either way; look-alike letters are fine under a Cyrillic top-level domain.
    [InlineData("https://пример.рф/", "https://пример.рф/")]
    [InlineData("https://xn--e1afmkfd.xn--p1ai/", "https://пример.рф/")]
    [InlineData("https://рара.рф/", "https://рара.рф/")]
    [InlineData("https://пример.com/", "https://пример.com/")]
    // Japanese: Han and kana together; Greek; German umlauts.
    [InlineData("https://例え.jp/パス", "https://例え.jp/パス")]
    [InlineData("https://ドメイン名例.jp/", "https://ドメイン名例.jp/")]
    [InlineData("https://ελληνικά.gr/", "https://ελληνικά.gr/")]
    [InlineData("https://bücher.de/", "https://bücher.de/")]
    [InlineData("https://xn--bcher-kva.de/", "https://bücher.de/")]
    [InlineData("https://BÜCHER.de/", "https://bücher.de/")]
    public void AHostThatReadsAsItselfIsShownAsItIsWritten(string url, string shown)
    {
        var display = DisplayUrl.Show(url);

        Assert.Equal(shown, display.Text);
        Assert.Null(display.Caution);
    }

    [Theory]
    // Zero-width space, zero-width joiner and a Hangul filler inside "apple": the name the redirect goes to, not "apple".
    [InlineData("app\u200Ble", "https://xn--apple-nt3b.com/")]
    [InlineData("app\u200Dle", "https://xn--apple-zt3b.com/")]
    [InlineData("app\u3164le", "https://xn--apple-yk5d.com/")]
    public void AHostWithAnInvisibleCharacterIsShownInItsAsciiForm(string label, string shown)
    {
        var display = DisplayUrl.Show($"https://{label}.com/");

        Assert.Equal(shown, display.Text);
        Assert.Equal("it contains invisible characters", display.Caution);
    }

    [Theory]
    [InlineData("аррӏе", "it is written in Cyrillic letters that look like Latin ones")]
    [InlineData("аpple", "it mixes letters of different scripts (Cyrillic and Latin)")]
    [InlineData("ᏴᎬᎢ", "it is written in Cherokee letters that look like Latin ones")] // "BET"
    public void TheCautionSaysWhyTheHostIsSpelledInAscii(string label, string caution) =>
        Assert.Equal(caution, LookAlikeHosts.Caution(label + ".com"));

    [Fact]
    public async Task TheLinkJsonCarriesTheTargetAsAPersonShouldReadIt()
    {
        var created = await _client.CreateLinkAsync("https://аррӏе.com/account");

        Assert.Equal("https://аррӏе.com/account", created.GetProperty("url").GetString());
        Assert.Equal("https://xn--80ak6aa92e.com/account", created.GetProperty("displayUrl").GetString());
        var listed = (await _client.GetFromJsonAsync<JsonElement[]>("/api/urls/recent?limit=1"))![0];
        Assert.Equal("https://xn--80ak6aa92e.com/account", listed.GetProperty("displayUrl").GetString());
    }

    [Fact]
    public async Task APreviewSpellsALookAlikeHostInAsciiAndSaysWhy()
    {
        var code = (await _client.CreateLinkAsync("https://аррӏе.com/")).Code();

        var page = WebUtility.HtmlDecode(await _client.GetStringAsync($"/{code}+"));

        Assert.Contains("""href="https://xn--80ak6aa92e.com/" rel="noopener noreferrer">https://xn--80ak6aa92e.com/</a>""", page);
        Assert.Contains("written in Cyrillic letters that look like Latin ones", page);
        Assert.DoesNotContain("аррӏе", page);
    }

    [Fact]
    public async Task APreviewShowsAGenuineInternationalNameInUnicode()
    {
        var code = (await _client.CreateLinkAsync("https://xn--e1afmkfd.xn--p1ai/")).Code();

        var page = WebUtility.HtmlDecode(await _client.GetStringAsync($"/{code}+"));

        Assert.Contains(">https://пример.рф/</a>", page);
        Assert.DoesNotContain("preview-caution", page);
    }

    [Fact]
    public async Task TheNoScriptResultPageSpellsALookAlikeHostInAscii()
    {
        using var form = new FormUrlEncodedContent([new("url", "https://аpple.com/")]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = form };
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<span id="result-target" class="result-target">https://xn--pple-43d.com/</span>""", page);
    }
}
