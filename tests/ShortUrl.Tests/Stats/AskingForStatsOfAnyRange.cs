using System.Net;

namespace ShortUrl.Tests.Stats;

/// <summary>The stats' query string, however odd: a day outside the supported range is a 400 naming it, and nothing is a 5xx.</summary>
public sealed class AskingForStatsOfAnyRange(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=0001-01-01&to=0001-01-01", "from")]
    [InlineData("to=0001-01-01", "to")]
    [InlineData("to=1970-01-05", null)]
    [InlineData("from=9999-12-31", "from")]
    [InlineData("from=1969-12-31&to=1970-01-01", "from")]
    [InlineData("from=9999-12-30&to=9999-12-30", null)]
    [InlineData("from=1970-01-01&to=1970-01-01", null)]
    public async Task DaysOutsideTheSupportedRangeAre400NamingTheParameter(string query, string? field)
    {
        var code = (await _client.CreateLinkAsync("https://example.com/far-ranges")).Code();

        var response = await _client.GetAsync($"/api/urls/{code}/stats?{query}");

        if (field is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            var problem = await ProblemAssert.IsValidationProblemAsync(response, field);
            Assert.Contains("1970-01-01", problem.GetProperty("detail").GetString());
        }
    }

    public static TheoryData<string> OddQueries => new()
    {
        "to=9999-12-31", "to=0001-01-15", "from=0001-01-01&to=0001-01-01", "from=", "to=", "from=&to=", "from=%00", "to=%FF%FE", "to=2026-02-30", "to=2026-00-10", "to=0000-01-01",
        "to=-0001-01-01", "to=+2026-01-01", "to=10000-01-01", "to=99999999-01-01", "to=2026-01-01T00:00:00Z",
        "to=2026-01-01%0A", "to=%202026-01-01", "to=２０２６-01-01", "to=2026/01/01", "from=9999-12-30",
        "from=1970-01-01", "from=1970-01-01&to=9999-12-30", "to=1970-01-01", "from=2026-01-01&from=2026-01-02",
        "to=2026-01-01&to=2026-01-02", "from=" + new string('9', 5000), "to=" + new string('-', 300),
        "from=9999-12-29&to=9999-12-30", "from=1970-01-01&to=1971-01-01", "from=1970-01-01&to=1971-01-02",
        "limit=-1&from=x", "%zz=1", "from=%zz", "=&&=", "from[]=1", "to=2024-02-29", "to=2023-02-29",
    };

    [Theory]
    [MemberData(nameof(OddQueries))]
    public async Task NoQueryStringReachesA5xx(string query)
    {
        var code = (await _client.CreateLinkAsync("https://example.com/odd-ranges")).Code();

        var response = await _client.GetAsync($"/api/urls/{code}/stats?{query}");

        Assert.True((int)response.StatusCode is 200 or 400, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await ProblemAssert.IsProblemAsync(response, 400);
        }
    }
}
