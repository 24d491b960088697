using System.Net;

namespace ShortUrl.Tests.Hosting;

/// <summary>The browser client's files are served as files, never taken for short codes.</summary>
public sealed class ServingThePage(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/index.html", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task TheClientsFilesAreServed(string path, string mediaType)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePageHasTheShorteningForm()
    {
        var page = await _client.GetStringAsync("/");

        Assert.Contains("<form", page);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/app/api.js")]
    public async Task TheClientsFilesAreRevalidatedSoAnUpgradeNeverMixesOldAndNewModules(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache, $"{path}: Cache-Control is '{response.Headers.CacheControl}'.");
    }
}
