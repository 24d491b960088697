using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Clicks;
namespace ShortUrl.Tests.Redirects;

/// <summary><c>/{code}+</c>: where a link goes, without going there.</summary>
public sealed class PreviewingLinks(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task APreviewShowsTheTargetCreatedClicksAndQrWithoutRedirectingOrCounting()
    {
        // Days pass between the create and the preview, so that the date shown can only be the creation's.
        var clock = new TestClock();
        using var app = factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        var client = app.CreateClient();
        var clicks = app.Services.GetRequiredService<ClickQueue>();
        var link = await client.CreateLinkAsync("https://example.com/preview?a=1&b=2");
        var code = link.Code();
        await client.GetAsync($"/{code}");
        await client.GetAsync($"/{code}");
        await clicks.FlushAsync(TestContext.Timeout);
        clock.Advance(TimeSpan.FromDays(3));

        var response = await client.GetAsync($"/{code}+");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("https://example.com/preview?a=1&amp;b=2", page);
        Assert.Contains($"""<img id="preview-qr" src="/{code}/qr" """, page);
        var createdAt = link.GetProperty("createdAt").GetDateTime().ToUniversalTime();
        Assert.Contains($"""<dd id="preview-created">{createdAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</dd>""", page);
        Assert.Contains("""<dd id="preview-clicks">2</dd>""", page);
        Assert.DoesNotContain("<script", page);
        await clicks.FlushAsync(TestContext.Timeout);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")).GetProperty("clicks").GetInt64());
    }

    [Fact]
    public async Task APreviewOfAProtectedLinkKeepsTheTargetHidden()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/preview-secret", password = "pw" })).Code();

        var page = await _client.GetStringAsync($"/{code}+");

        Assert.DoesNotContain("preview-secret", page);
        Assert.Contains("password-protected", page);
    }

    [Fact]
    public async Task APreviewOfAUsedUpLinkSaysItHasEnded()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/preview-once", maxClicks = 1 })).Code();
        await _client.GetAsync($"/{code}");

        var page = await _client.GetStringAsync($"/{code}+");

        Assert.Contains("reached its limit of 1 clicks", page);
    }

    [Fact]
    public async Task APreviewOfAnUnknownCodeIs404()
    {
        var response = await _client.GetAsync("/NoSuch4+");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
