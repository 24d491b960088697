using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Links;

/// <summary><c>ShortUrl:BaseUrl</c>: the public address short links are built on, whatever host the request used.</summary>
public sealed class ConfiguringThePublicBaseUrl : IDisposable
{
    private readonly ShortUrlFactory _factory = ShortUrlFactory.WithSettings(("ShortUrl:BaseUrl", "https://sho.rt/go"));
    private readonly HttpClient _client;

    public ConfiguringThePublicBaseUrl() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ShortUrlsAreBuiltOnTheBaseUrl()
    {
        var created = await _client.CreateLinkAsync("https://example.com/based");
        var code = created.Code();

        var details = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        var recent = await _client.GetFromJsonAsync<List<JsonElement>>("/api/urls/recent?limit=1");

        var expected = $"https://sho.rt/go/{code}";
        Assert.Equal(expected, created.GetProperty("shortUrl").GetString());
        Assert.Equal(expected, details.GetProperty("shortUrl").GetString());
        Assert.Equal(expected, recent!.Single().GetProperty("shortUrl").GetString());
    }

    [Fact]
    public async Task ThePlainTextAnswerIsBuiltOnTheBaseUrl()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = new FormUrlEncodedContent([new("url", "https://example.com/plain"), new("alias", "plain-based")]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));

        var response = await _client.SendAsync(request);

        Assert.Equal("https://sho.rt/go/plain-based\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://sho.rt/go/abc1234")]
    [InlineData("https://SHO.RT/anything")]
    [InlineData("https://sho.rt:443/go/abc1234")]
    public async Task TargetsOnTheBaseUrlsHostAreRejectedAsLoops(string url)
    {
        var response = await _client.PostLinkAsync(url);

        await ProblemAssert.IsValidationProblemAsync(response, "url");
    }
}
