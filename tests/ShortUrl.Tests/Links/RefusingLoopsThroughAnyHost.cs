using System.Net;

namespace ShortUrl.Tests.Links;

/// <summary>
/// The published service with no <c>ShortUrl:BaseUrl</c> and <c>AllowedHosts</c> at <c>*</c>, as it starts out of the
/// box: a client naming another Host still cannot make a link to where the service listens, so two links cannot be
/// made to send a browser round in circles.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class RefusingLoopsThroughAnyHost(RunningService service) : IClassFixture<RunningService>
{
    [Theory]
    [InlineData("http://127.0.0.1:{port}/pong")]
    [InlineData("http://localhost:{port}/pong")]
    [InlineData("http://[::1]:{port}/pong")]
    public async Task ALinkToWhereTheServiceListensIsALoopWhateverHostTheRequestNames(string target)
    {
        var url = target.Replace("{port}", service.Process.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = await service.Process.Client.SendAsync(CreateRequests.CreateOnHost("shortener.other", new { url, alias = "ping" }));

        await ProblemAssert.IsValidationProblemAsync(response, "url");
        Assert.Equal(HttpStatusCode.NotFound, (await service.Process.Client.GetAsync("/api/urls/ping")).StatusCode);
    }

    [Fact]
    public async Task AQrCodeOnTheHostTheClientNamedIsNotForSharedCaches()
    {
        var created = await service.Process.Client.SendAsync(
            CreateRequests.CreateOnHost("shortener.other", new { url = "https://example.com/qr", alias = "qr-on-other" }));
        Assert.StartsWith("http://shortener.other/", (await CreateRequests.LinkAsync(created)).GetProperty("shortUrl").GetString());

        var qr = new HttpRequestMessage(HttpMethod.Get, "/qr-on-other/qr");
        qr.Headers.Host = "shortener.other";
        var response = await service.Process.Client.SendAsync(qr);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Private: true, Public: false }, response.Headers.CacheControl?.ToString());
    }
}
