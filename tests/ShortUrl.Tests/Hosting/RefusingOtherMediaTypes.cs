using System.Net;
using System.Text;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// A body of a media type an endpoint does not take is a 415 problem that never offers the very type it refused
/// (routing answers it before the endpoint runs, with one wording for every endpoint).
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class RefusingOtherMediaTypes(RefusingOtherMediaTypes.Factory factory) : IClassFixture<RefusingOtherMediaTypes.Factory>
{
    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(TestKeys.Settings);

    [Theory]
    [InlineData("PATCH", "/api/urls/{code}", "application/x-www-form-urlencoded")]
    [InlineData("PUT", "/api/tags/media-type-test", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/api/urls/import", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/{code}", "application/json")]
    [InlineData("POST", "/api/urls", "text/plain")]
    public async Task TheProblemPointsToWhatTheEndpointTakesAndOffersNotTheTypeItRefused(string method, string path, string mediaType)
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/media", tags = new[] { "media-type-test" } })).Code();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{code}", code))
        {
            Content = new StringContent("name=x", Encoding.UTF8, mediaType),
        };

        using var response = await _client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, (int)HttpStatusCode.UnsupportedMediaType);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("/swagger", detail);
        Assert.DoesNotContain(mediaType.Split(';')[0], detail);
    }
}
