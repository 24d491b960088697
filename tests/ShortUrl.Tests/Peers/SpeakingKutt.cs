namespace ShortUrl.Tests.Peers;

/// <summary>
/// Kutt's npm client (<c>kutt</c>, as published) works against a published ShortUrl through <c>/api/v2</c> unchanged:
/// health and each links method (<c>tests/peer-clients/kutt.mjs</c> holds the checks). On SQLite, and in the PostgreSQL
/// pass on a database of its own there.
/// </summary>
public sealed class SpeakingKutt(PeerService service) : IClassFixture<PeerService>
{
    [Fact]
    public async Task TheKuttClientCreatesListsEditsCountsAndDeletesLinksUnchanged()
    {
        var run = await PeerClients.RunAsync("kutt.mjs", service.Environment);

        PeerClients.AssertEveryCheckPassed("kutt.mjs", run);
    }
}
