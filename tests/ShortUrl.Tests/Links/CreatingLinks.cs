using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Links;

public sealed class CreatingLinks(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task CreatingFromJsonReturns201WithTheLinkAndItsLocation()
    {
        var response = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/json" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = link.GetProperty("code").GetString()!;
        Assert.Matches("^[A-Za-z0-9]{7}$", code);
        Assert.Equal($"/api/urls/{code}", response.Headers.Location?.OriginalString);
        Assert.Equal($"http://localhost/{code}", link.GetProperty("shortUrl").GetString());
        Assert.Equal("https://example.com/json", link.GetProperty("url").GetString());
        Assert.Equal(0, link.GetProperty("clicks").GetInt64());
        var createdAt = link.GetProperty("createdAt").GetDateTime();
        Assert.InRange(createdAt, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task CreatingFromAFormWithAcceptTextPlainReturnsTheBareShortUrl()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = new FormUrlEncodedContent([new("url", "https://example.com/form")]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Matches("^http://localhost/[A-Za-z0-9]{7}\n$", body);
        Assert.StartsWith("/api/urls/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task CreatingWithAnAliasUsesItAsTheCode()
    {
        var response = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/alias", alias = "my_Alias-1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("my_Alias-1", link.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CreatingFromAFormWithAnAliasUsesItAsTheCode()
    {
        var response = await _client.PostAsync("/api/urls",
            new FormUrlEncodedContent([new("url", "https://example.com/form-alias"), new("alias", "form-alias")]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/urls/form-alias", response.Headers.Location?.OriginalString);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("form-alias", link.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnEmptyJsonAliasIsTreatedAsNoAlias()
    {
        var link = await _client.CreateLinkAsync("https://example.com/empty-json-alias", alias: "");

        Assert.Matches("^[A-Za-z0-9]{7}$", link.Code());
    }

    [Fact]
    public async Task AnEmptyFormAliasIsTreatedAsNoAlias()
    {
        var response = await _client.PostRawAsync("url=https%3A%2F%2Fexample.com%2Fempty-form-alias&alias=", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches("^[A-Za-z0-9]{7}$", link.Code());
    }

    [Fact]
    public async Task CreatingWithATakenAliasReturns409AndKeepsTheFirstTarget()
    {
        await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/first", alias = "taken-alias" });

        var second = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/second", alias = "taken-alias" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var details = await _client.GetFromJsonAsync<JsonElement>("/api/urls/taken-alias");
        Assert.Equal("https://example.com/first", details.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AliasesAreCaseSensitive()
    {
        var lower = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/lower", alias = "casey" });
        var upper = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/upper", alias = "CASEY" });

        Assert.Equal(HttpStatusCode.Created, lower.StatusCode);
        Assert.Equal(HttpStatusCode.Created, upper.StatusCode);
        Assert.Equal("https://example.com/upper", (await _client.GetAsync("/CASEY")).Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task OtherMediaTypesReturn415(string mediaType)
    {
        var content = new StringContent("url=https://example.com/", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);

        var response = await _client.PostAsync("/api/urls", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, 415);
    }
}
