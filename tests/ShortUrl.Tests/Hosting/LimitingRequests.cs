using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortUrl.Storage;
using ShortUrl.Storage.Sqlite;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Hosting;

/// <summary>Kestrel's limits and what reaches the wire, on the published service (TestServer has no Kestrel).</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class LimitingRequests(RunningService service) : IClassFixture<RunningService>
{
    private Uri Server => service.Process.BaseAddress;

    [Fact]
    public async Task HeadersOver16KiBInAllAre431()
    {
        var headers = string.Join("\r\n", Enumerable.Range(0, 20).Select(i => $"X-Padding-{i}: {new string('p', 1000)}"));

        var response = await RawHttp.SendAsync(Server, "GET /api/urls/recent HTTP/1.1\r\n" + headers);

        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task MoreThan64HeadersAre431()
    {
        var headers = string.Join("\r\n", Enumerable.Range(0, 70).Select(i => $"X-Many-{i}: {i}"));

        var response = await RawHttp.SendAsync(Server, "GET /api/urls/recent HTTP/1.1\r\n" + headers);

        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task ARequestLineOver8KiBIs414()
    {
        var response = await RawHttp.SendAsync(Server, $"GET /api/urls/recent?pad={new string('q', 9 * 1024)} HTTP/1.1");

        Assert.Equal(414, response.Status);
    }

    /// <summary>Paths as a scanner sends them, byte for byte; HttpClient would refuse or rewrite them.</summary>
    [Theory]
    [InlineData("/abc%00", 400)]
    [InlineData("/%00", 400)]
    [InlineData("/abc%0d%0aSet-Cookie:%20x=1", 404)]
    [InlineData("/..%2f..%2fetc%2fpasswd", 404)]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd", 404)]
    [InlineData("/../../etc/passwd", 404)]
    [InlineData("/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", 404)]
    [InlineData("/%ff%fe", 404)]
    [InlineData("/abc\u0001def", 404)]
    public async Task AHostilePathNeverEscapesTheServiceOrInjectsAHeader(string path, int status)
    {
        var response = await RawHttp.SendAsync(Server, $"GET {path} HTTP/1.1");

        Assert.Equal(status, response.Status);
        Assert.DoesNotContain(response.HeaderLines, line => line.StartsWith("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("root:", response.Body);
    }

    [Fact]
    public async Task DotSegmentsCollapseInsideTheWebRootToThePage()
    {
        var response = await RawHttp.SendAsync(Server, "GET /%2e%2e/ HTTP/1.1");

        Assert.Equal(200, response.Status);
        Assert.Contains("<form", response.Body);
    }

    [Fact]
    public async Task AStoredTargetWithRawCrLfReachesTheWireEncoded()
    {
        var store = SqliteStorage.Open($"Data Source={service.DatabasePath}", AppContext.BaseDirectory);
        await store.Links.TryCreateAsync("rawcrlf", "https://example.com/a\r\nSet-Cookie: session=evil", DateTime.UtcNow, LinkRules.None, null, LinkLabels.None, CancellationToken.None);

        var response = await RawHttp.SendAsync(Server, "GET /rawcrlf HTTP/1.1");

        Assert.Equal(302, response.Status);
        Assert.DoesNotContain(response.HeaderLines, line => line.StartsWith("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("https://example.com/a%0D%0ASet-Cookie:%20session=evil", response.Header("Location"));
    }

    [Fact]
    public async Task AnEncodedCrLfInATargetStaysEncodedOnTheWire()
    {
        var created = await service.Process.Client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/a%0d%0aSet-Cookie:%20session=evil" });
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

        var response = await RawHttp.SendAsync(Server, $"GET /{code} HTTP/1.1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(302, response.Status);
        Assert.DoesNotContain(response.HeaderLines, line => line.StartsWith("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("https://example.com/a%0d%0aSet-Cookie:%20session=evil", response.Header("Location"));
    }
}
