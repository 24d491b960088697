namespace ShortUrl.Tests.Peers;

/// <summary>
/// Shlink's own SDK (<c>@shlinkio/shlink-js-sdk</c>, as published on npm) manages a published ShortUrl through
/// <c>/rest/v3</c> unchanged: every SDK method that maps to something ShortUrl has, with the shapes, errors and CORS
/// answers the SDK's users read (<c>tests/peer-clients/shlink.mjs</c> holds the checks). On SQLite, and in the
/// PostgreSQL pass on a database of its own there.
/// </summary>
public sealed class SpeakingShlink(PeerService service) : IClassFixture<PeerService>
{
    [Fact]
    public async Task TheShlinkSdkManagesShortUrlsTagsVisitsAndRulesUnchanged()
    {
        var run = await PeerClients.RunAsync("shlink.mjs", service.Environment);

        PeerClients.AssertEveryCheckPassed("shlink.mjs", run);
    }
}
