using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Portability;

/// <summary>An import row is a create body: its password, expiry and click limit are kept, or refused in a create's words.</summary>
public sealed class ImportingLinksWithRules(ImportingLinksWithRules.Factory factory) : IClassFixture<ImportingLinksWithRules.Factory>
{
    private static readonly DateTime NextMonth = DateTime.UtcNow.Date.AddDays(30);

    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(TestKeys.Settings);

    private static string NextMonthText => NextMonth.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AJsonRowsPasswordExpiryAndClickLimitAreKept()
    {
        var report = await _client.ImportAsync(
            $$"""[{"url": "https://example.com/rules-json", "alias": "imr-json", "password": "open sesame", "expiresAt": "{{NextMonthText}}", "maxClicks": 5}]""",
            "application/json");

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        await AssertProtectedAsync("imr-json", NextMonth, 5);
    }

    [Fact]
    public async Task CsvColumnsOfTheSameNamesAreKeptToo()
    {
        var report = await _client.ImportAsync(
            $"url,alias,password,expiresAt,maxClicks\nhttps://example.com/rules-csv,imr-csv,open sesame,{NextMonthText},7\n", "text/csv");

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        await AssertProtectedAsync("imr-csv", NextMonth, 7);
    }

    [Theory]
    [InlineData("imr-past", """ "expiresAt": "2001-01-01T00:00:00Z" """)]
    [InlineData("imr-when", """ "expiresAt": "next tuesday" """)]
    [InlineData("imr-zero", """ "maxClicks": 0 """)]
    [InlineData("imr-many", """ "maxClicks": "many" """)]
    [InlineData("imr-long", """ "password": "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890" """)]
    public async Task ARowACreateWouldRefuseIsRejectedInTheCreatesWordsWhileTheRestImport(string alias, string rule)
    {
        var body = $$"""{"url": "https://example.com/{{alias}}", "alias": "{{alias}}", {{rule}}}""";
        var created = await _client.PostRawAsync(body);
        var problem = await ProblemAssert.IsProblemAsync(created, 400);
        var (field, words) = problem.GetProperty("errors").EnumerateObject().Select(e => (e.Name, e.Value[0].GetString())).Single();

        var report = await _client.ImportAsync($$"""[{{body}}, {"url": "https://example.com/{{alias}}-ok", "alias": "{{alias}}-ok"}]""", "application/json");

        Assert.Equal("rejected", report.Row(1).GetProperty("status").GetString());
        Assert.Equal($"{field}: {words}", report.Row(1).GetProperty("reason").GetString());
        Assert.Equal(404, (int)(await _client.GetAsync($"/{alias}")).StatusCode);
        Assert.Equal("created", report.Row(2).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACsvClickLimitThatIsNoNumberIsRejectedAsTheFormsIs()
    {
        var form = await _client.PostRawAsync("url=https://example.com/imr-x&maxClicks=lots", "application/x-www-form-urlencoded");
        var words = (await ProblemAssert.IsValidationProblemAsync(form, "maxClicks")).GetProperty("detail").GetString();

        var report = await _client.ImportAsync("url,alias,maxClicks\nhttps://example.com/imr-lots,imr-lots,lots\n", "text/csv");

        Assert.Equal($"maxClicks: {words}", report.Row(2).GetProperty("reason").GetString());
        Assert.Equal(404, (int)(await _client.GetAsync("/imr-lots")).StatusCode);
    }

    [Fact]
    public async Task AnExportedProtectedLinkIsRejectedUnlessItsRowGivesAPassword()
    {
        var report = await _client.ImportAsync(
            "code,url,hasPassword,password\nimr-open,https://example.com/was-locked,true,\nimr-relocked,https://example.com/relocked,true,new secret\n",
            "text/csv");

        Assert.Equal("rejected", report.Row(2).GetProperty("status").GetString());
        Assert.StartsWith("password: ", report.Row(2).GetProperty("reason").GetString());
        Assert.Equal(404, (int)(await _client.GetAsync("/imr-open")).StatusCode);
        Assert.True((await _client.GetFromJsonAsync<JsonElement>("/api/urls/imr-relocked")).GetProperty("hasPassword").GetBoolean());
    }

    [Fact]
    public async Task TheExportSaysWhichLinksHaveAPassword()
    {
        await _client.CreateLinkAsync(new { url = "https://example.com/imr-exported", alias = "imr-exported", password = "open sesame" });

        var csv = await _client.GetStringAsync("/api/urls/export?format=csv");
        var json = await _client.GetFromJsonAsync<JsonElement>("/api/urls/export?format=json");

        // Later columns (title, tags, ...) follow hasPassword.
        Assert.StartsWith("code,shortUrl,url,createdAt,clicks,botClicks,expiresAt,maxClicks,hasPassword,", csv.ReplaceLineEndings("\n"));
        Assert.Equal("true", csv.ReplaceLineEndings("\n").Split('\n').Single(line => line.StartsWith("imr-exported,", StringComparison.Ordinal)).Split(',')[8]);
        Assert.True(json.EnumerateArray().Single(l => l.GetProperty("code").GetString() == "imr-exported").GetProperty("hasPassword").GetBoolean());
    }

    [Fact]
    public async Task AnExportImportedIntoAnotherServiceKeepsEachLinksExpiryAndClickLimit()
    {
        await _client.CreateLinkAsync(new { url = "https://example.com/imr-trip", alias = "imr-trip", expiresAt = NextMonthText, maxClicks = 9 });
        var csv = await _client.GetStringAsync("/api/urls/export?format=csv");
        using var other = new Factory();
        var otherClient = other.CreateClient().WithKey(TestKeys.Admin);

        await otherClient.ImportAsync(csv, "text/csv");

        var link = await otherClient.GetFromJsonAsync<JsonElement>("/api/urls/imr-trip");
        Assert.Equal(NextMonth, link.GetProperty("expiresAt").GetDateTime().ToUniversalTime());
        Assert.Equal(9, link.GetProperty("maxClicks").GetInt64());
    }

    /// <summary>The link keeps its rules, and its redirect asks for the password instead of letting anyone through.</summary>
    private async Task AssertProtectedAsync(string code, DateTime expiresAt, long maxClicks)
    {
        var link = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.True(link.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(expiresAt, link.GetProperty("expiresAt").GetDateTime().ToUniversalTime());
        Assert.Equal(maxClicks, link.GetProperty("maxClicks").GetInt64());
        var visit = await _client.GetAsync($"/{code}");
        Assert.NotEqual(302, (int)visit.StatusCode);
        Assert.Null(visit.Headers.Location);
    }
}
