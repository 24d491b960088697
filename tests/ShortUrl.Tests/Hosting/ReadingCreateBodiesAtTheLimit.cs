using System.Text;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// The create endpoint reads at most 16 KiB of body: exactly that much is read, one byte more is 413. On the published
/// service, so that Kestrel's limit and the endpoint's own reader both take part; with the length announced and without.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class ReadingCreateBodiesAtTheLimit(RunningService service) : IClassFixture<RunningService>
{
    /// <summary>16 KiB, as the README says.</summary>
    private const int Limit = 16_384;

    private const string Head = "POST /api/urls HTTP/1.1\r\nContent-Type: application/json";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOfExactly16KiBIsReadAndCreatesTheLink(bool chunked)
    {
        var url = $"https://example.com/at-the-limit/{(chunked ? "chunked" : "announced")}";

        var response = await RawHttp.SendAsync(service.Process.BaseAddress, Head, JsonOfLength(url, Limit), chunked);

        Assert.Equal(201, response.Status);
        var code = response.Header("Location")!.Split('/')[^1];
        var redirect = await service.Process.Client.GetAsync($"/{code}");
        Assert.Equal(url, redirect.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOf16KiBAndOneByteIs413(bool chunked)
    {
        var response = await RawHttp.SendAsync(service.Process.BaseAddress, Head, JsonOfLength("https://example.com/over-the-limit", Limit + 1), chunked);

        Assert.Equal(413, response.Status);
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("\"status\":413", response.Body);
    }

    /// <summary>A create body for <paramref name="url"/>, padded with whitespace (which JSON ignores) to exactly <paramref name="bytes"/> bytes.</summary>
    private static string JsonOfLength(string url, int bytes)
    {
        var start = "{\"url\":\"" + url + "\"";
        var json = start + new string(' ', bytes - start.Length - 1) + "}";
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(json));
        return json;
    }
}
