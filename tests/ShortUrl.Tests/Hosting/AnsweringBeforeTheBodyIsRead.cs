namespace ShortUrl.Tests.Hosting;

/// <summary>
/// A client that sends its whole body before it reads (as Python's http.client does) still gets the answer to a
/// request refused before its body was read: the service answers, then reads and drops the rest of the upload.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class AnsweringBeforeTheBodyIsRead(RunningService service) : IClassFixture<RunningService>
{
    private static readonly string EightMebibytes = new('a', 8 * 1024 * 1024);

    [Fact]
    public async Task AnOversizedCreateSentWholeBeforeReadingGetsIts413()
    {
        var response = await RawHttp.SendAsync(
            service.Process.BaseAddress,
            "POST /api/urls HTTP/1.1\r\nContent-Type: application/json",
            $$"""{"url":"https://example.com/{{EightMebibytes}}"}""");

        Assert.Equal(413, response.Status);
        Assert.Contains("\"status\":413", response.Body);
    }

    [Fact]
    public async Task AnImportWithoutAKeySentWholeBeforeReadingGetsIts401()
    {
        var response = await RawHttp.SendAsync(
            service.Process.BaseAddress,
            "POST /api/urls/import HTTP/1.1\r\nContent-Type: text/csv",
            "url\r\nhttps://example.com/" + EightMebibytes + "\r\n");

        Assert.Equal(401, response.Status);
    }
}
