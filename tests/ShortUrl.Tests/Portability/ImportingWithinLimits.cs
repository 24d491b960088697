using System.Net.Http.Headers;
using System.Text;

namespace ShortUrl.Tests.Portability;

/// <summary>An import's limits are answered before anything is imported: too many rows or passwords, a body too large or not what it claims.</summary>
public sealed class ImportingWithinLimits(ImportingWithinLimits.Factory factory) : IClassFixture<ImportingWithinLimits.Factory>
{
    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(
        ("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash), ("ShortUrl:Import:MaxRows", "3"), ("ShortUrl:Import:MaxPasswords", "1"));

    [Theory]
    [InlineData("text/csv", "url,alias\nhttps://example.com/l1,iml-csv1\nhttps://example.com/l2,iml-csv2\nhttps://example.com/l3,iml-csv3\nhttps://example.com/l4,iml-csv4\n")]
    [InlineData("application/json", """[{"url": "https://example.com/l1", "alias": "iml-json1"}, {"url": "https://example.com/l2"}, null, {"url": "https://example.com/l4"}]""")]
    public async Task AFileWithMoreRowsThanTheLimitIs413SayingTheLimitAndImportsNothing(string mediaType, string body)
    {
        var before = await factory.CountStoredLinksAsync();

        var response = await _client.PostImportAsync(body, mediaType);

        var problem = await ProblemAssert.IsProblemAsync(response, 413);
        Assert.Contains("at most 3 links", problem.GetProperty("detail").GetString());
        Assert.Contains("Nothing was imported", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task AFileOfExactlyTheLimitImports()
    {
        var report = await _client.ImportAsync("url\nhttps://example.com/e1\nhttps://example.com/e2\nhttps://example.com/e3\n", "text/csv");

        Assert.Equal(3, report.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task MorePasswordsThanTheLimitIs413AndImportsNothing()
    {
        var response = await _client.PostImportAsync(
            "url,alias,password\nhttps://example.com/p1,iml-p1,one\nhttps://example.com/p2,iml-p2,two\n", "text/csv");

        var problem = await ProblemAssert.IsProblemAsync(response, 413);
        Assert.Contains("at most 1 passwords", problem.GetProperty("detail").GetString());
        Assert.Equal(404, (int)(await _client.GetAsync("/iml-p1")).StatusCode);
    }

    [Theory]
    [InlineData("application/json", "url,alias\nhttps://example.com/f1,iml-f1\n")]
    [InlineData("text/csv", """[{"url": "https://example.com/f1", "alias": "iml-f1"}]""")]
    [InlineData("application/json", """{"url": "https://example.com/f1", "alias": "iml-f1"}""")]
    [InlineData("application/json", "")]
    [InlineData("application/json", "null")]
    public async Task ABodyThatIsNotTheFormatItClaimsIs400AndImportsNothing(string mediaType, string body)
    {
        var response = await _client.PostImportAsync(body, mediaType);

        await ProblemAssert.IsProblemAsync(response, 400);
        Assert.Equal(404, (int)(await _client.GetAsync("/iml-f1")).StatusCode);
    }

    [Fact]
    public async Task AMultipartBodyWithoutItsBoundaryIs400()
    {
        var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\n\r\nurl\nhttps://example.com/m\r\n--x--\r\n");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=y");

        var response = await _client.PostAsync("/api/urls/import", content);

        await ProblemAssert.IsProblemAsync(response, 400);
    }
}

/// <summary>The default limits: a body past the import's own limit, and a flood of empty rows, are refused small and fast.</summary>
public sealed class ImportingHugeFiles(ImportingHugeFiles.Factory factory) : IClassFixture<ImportingHugeFiles.Factory>
{
    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task AFourMebibyteArrayOfNullsIs413InsteadOfAReportOfEveryRow()
    {
        var body = new StringBuilder("[null");
        while (body.Length < 4 * 1024 * 1024 - 6)
        {
            body.Append(",null");
        }

        var response = await _client.PostImportAsync(body.Append(']').ToString(), "application/json");

        var answer = await response.Content.ReadAsByteArrayAsync();
        var problem = await ProblemAssert.IsProblemAsync(response, 413);
        Assert.Contains("at most 10000 links", problem.GetProperty("detail").GetString());
        Assert.True(answer.Length < 2048, $"the answer is {answer.Length} bytes");
    }

    [Fact]
    public async Task ABodyLargerThanTheImportLimitIs413NamingTheLimit()
    {
        var response = await _client.PostAsync("/api/urls/import", new ByteArrayContent(new byte[32 * 1024 * 1024 + 1])
        {
            Headers = { ContentType = new MediaTypeHeaderValue("text/csv") },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, 413);
        Assert.Contains("32 MiB", problem.GetProperty("detail").GetString());
    }
}

/// <summary>An import limit the service cannot work with stops it at start, with one line naming the key.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class ConfiguringImportLimits
{
    [Theory]
    [InlineData("--ShortUrl:Import:MaxRows=0", "ShortUrl:Import:MaxRows must be from 1")]
    [InlineData("--ShortUrl:Import:MaxPasswords=-1", "ShortUrl:Import:MaxPasswords must be from 0")]
    public async Task ALimitOutOfRangeStopsTheStartWithOneLineNamingIt(string setting, string words)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"shorturl-import-limits-{Guid.NewGuid():N}.db");

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(databasePath, setting);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("ShortUrl cannot start: ", line);
        Assert.Contains(words, line);
    }
}
