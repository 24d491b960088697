using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// JSON's grammar lets a string escape half of a UTF-16 surrogate pair (<c>"\ud800"</c>), which is no text at all.
/// Every endpoint that reads a JSON body besides the create (whose cases are in <see cref="HostileInputs"/>) answers it
/// with a 400 and changes nothing: edits, tag renames and the peers' APIs.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class ReadingJsonWithHalfASurrogatePair(ReadingJsonWithHalfASurrogatePair.Factory factory)
    : IClassFixture<ReadingJsonWithHalfASurrogatePair.Factory>
{
    private const string Title = "as it was";
    private const string Tag = "surrogate-test";

    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(TestKeys.Settings);

    /// <summary>Method, path (<c>{code}</c> is the test's link) and body, with <c>\ud800</c> or <c>\udc00</c> alone.</summary>
    public static TheoryData<string, string, string> Requests => new()
    {
        { "PATCH", "/api/urls/{code}", """{"title": "half \ud800 a pair"}""" },
        { "PATCH", "/api/urls/{code}", """{"tags": ["ok", "\udc00"]}""" },
        { "PATCH", "/api/urls/{code}", """{"\ud800": "a name that is half a pair"}""" },
        { "PUT", $"/api/tags/{Tag}", """{"name": "\ud800"}""" },
        { "POST", "/rest/v3/short-urls", """{"longUrl": "https://example.com/\ud800"}""" },
        { "PATCH", "/rest/v3/short-urls/{code}", """{"title": "\ud800"}""" },
        { "PUT", "/rest/v3/tags", $$"""{"oldName": "{{Tag}}", "newName": "\udc00"}""" },
        { "POST", "/api/v2/links", """{"target": "https://example.com/\ud800"}""" },
        { "POST", "/v4/shorten", """{"long_url": "https://example.com/\ud800"}""" },
        { "POST", "/v4/bitlinks", """{"long_url": "https://example.com/\ud800", "title": "\ud800"}""" },
        { "PATCH", "/v4/bitlinks/localhost/{code}", """{"title": "\ud800"}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task ABodyWithHalfASurrogatePairGets400AndChangesNothing(string method, string path, string body)
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/whole", title = Title, tags = new[] { Tag } })).Code();
        var linksBefore = await factory.CountStoredLinksAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{code}", code))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Admin);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(linksBefore, await factory.CountStoredLinksAsync());
        var link = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal(Title, link.GetProperty("title").GetString());
        Assert.Equal([Tag], link.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }
}
