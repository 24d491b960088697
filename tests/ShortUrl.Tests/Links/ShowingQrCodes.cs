using System.Net;

namespace ShortUrl.Tests.Links;

public sealed class ShowingQrCodes(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AQrCodeIsAnSvgOfTheAskedSizeByDefault()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/qr")).Code();

        var response = await _client.GetAsync($"/{code}/qr?size=300");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.Contains("width=\"300\"", svg);
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task WithFormatPngItIsAPngNoWiderThanTheSize()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/qr-png")).Code();

        var response = await _client.GetAsync($"/{code}/qr?format=png&size=512");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(PngSignature, png[..8]);
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.InRange(width, 256, 512);
    }

    [Theory]
    [InlineData("size=63", "size")]
    [InlineData("size=1025", "size")]
    [InlineData("size=big", "size")]
    [InlineData("format=gif", "format")]
    public async Task ABadSizeOrFormatIs400(string query, string field)
    {
        var code = (await _client.CreateLinkAsync("https://example.com/qr-bad")).Code();

        var response = await _client.GetAsync($"/{code}/qr?{query}");

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task TheQrCodeOfAnUnknownCodeIs404()
    {
        var response = await _client.GetAsync("/NoSuch1/qr");

        await ProblemAssert.IsProblemAsync(response, 404);
    }
}
