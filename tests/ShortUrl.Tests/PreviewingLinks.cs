using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests;

/// <summary><c>/{code}+</c>: where a link goes, without going there.</summary>
public sealed class PreviewingLinks(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task APreviewShowsTheTargetCreatedClicksAndQrWithoutRedirectingOrCounting()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/preview?a=1&b=2")).Code();
        await _client.GetAsync($"/{code}");

        var response = await _client.GetAsync($"/{code}+");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("https://example.com/preview?a=1&amp;b=2", page);
        Assert.Contains($"""<img id="preview-qr" src="/{code}/qr" """, page);
        Assert.Contains("Created", page);
        Assert.DoesNotContain("<script", page);
        await factory.FlushClicksAsync();
        Assert.Equal(1, (await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")).GetProperty("clicks").GetInt64());
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
