namespace ShortUrl.Tests.Links;

/// <summary>The contract's rules for aliases: each rejected with a 400 naming <c>alias</c>, and nothing stored.</summary>
public sealed class ValidatingAliases(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    public async Task AliasesOfThreeToSixtyFourCharactersAreAccepted(int length)
    {
        var alias = string.Concat(Enumerable.Repeat("aZ9-_", 13))[..length];

        var link = await _client.CreateLinkAsync("https://example.com/length", alias);

        Assert.Equal(alias, link.Code());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(65)]
    [InlineData(300)]
    public async Task AliasesShorterThanThreeOrLongerThanSixtyFourCharactersAreRejected(int length) =>
        await AssertAliasRejectedAsync(new string('b', length));

    [Theory]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("slash/ed")]
    [InlineData("per%20cent")]
    [InlineData("semi;colon")]
    [InlineData("ünïcode")]
    [InlineData("emoji😀")]
    [InlineData("tab\there")]
    public async Task AliasesWithCharactersOutsideLettersDigitsDashAndUnderscoreAreRejected(string alias) =>
        await AssertAliasRejectedAsync(alias);

    [Theory]
    [InlineData("api")]
    [InlineData("API")]
    [InlineData("swagger")]
    [InlineData("Swagger")]
    [InlineData("health")]
    [InlineData("HEALTH")]
    [InlineData("Metrics")] // Prometheus's path when it is on, whether it is or not
    [InlineData("recent")]
    [InlineData("export")]
    [InlineData("Import")]
    [InlineData("Recent")]
    [InlineData("index")]
    [InlineData("index.html")]
    [InlineData("favicon")]
    [InlineData("favicon.ico")]
    [InlineData("robots")]
    [InlineData("app")]
    [InlineData("App")]
    [InlineData("app.js")]
    [InlineData("app.css")]
    public async Task AliasesNamingTheServicesOwnRoutesOrFilesAreRejectedInAnyLetterCase(string alias) =>
        await AssertAliasRejectedAsync(alias);

    [Fact]
    public async Task ARejectedReservedAliasLeavesThatRouteWorking()
    {
        await AssertAliasRejectedAsync("health");

        Assert.Equal("Healthy", await _client.GetStringAsync("/health"));
    }

    private async Task AssertAliasRejectedAsync(string alias)
    {
        var before = await factory.CountStoredLinksAsync();

        var response = await _client.PostLinkAsync("https://example.com/aliased", alias);

        await ProblemAssert.IsValidationProblemAsync(response, "alias");
        Assert.Equal(before, await factory.CountStoredLinksAsync());
    }
}
