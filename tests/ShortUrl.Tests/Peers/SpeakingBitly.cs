namespace ShortUrl.Tests.Peers;

/// <summary>
/// Bitly's npm client (<c>bitly</c>, as published) works against a published ShortUrl through <c>/v4</c> unchanged:
/// shorten, bitlinks (create, get, patch), expand, clicks and their summary, referrers and countries
/// (<c>tests/peer-clients/bitly.mjs</c> holds the checks). The client speaks only https on port 443, so the service
/// listens there too. On SQLite, and in the PostgreSQL pass on a database of its own there.
/// </summary>
public sealed class SpeakingBitly(PeerServiceOnPort443 service) : IClassFixture<PeerServiceOnPort443>
{
    [Fact]
    public async Task TheBitlyClientShortensExpandsEditsAndCountsUnchanged()
    {
        var run = await PeerClients.RunAsync("bitly.mjs", service.Environment);

        PeerClients.AssertEveryCheckPassed("bitly.mjs", run);
    }
}
