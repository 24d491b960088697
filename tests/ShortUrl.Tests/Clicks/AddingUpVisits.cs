using Microsoft.Extensions.Primitives;
using ShortUrl.Clicks;
using ShortUrl.Storage;
namespace ShortUrl.Tests.Clicks;

/// <summary>The click writer's tally: what a batch of visits becomes before it reaches a store.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class AddingUpVisits
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static readonly long Minute = VisitTally.MinuteOf(new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc).Ticks);

    [Fact]
    public void ClicksAreCountedPerLinkInLinkOrderLeavingOutBotsAndClicksCountedAlready()
    {
        var tally = new VisitTally();
        foreach (var linkId in (long[])[30, 7, 30, 1_000_000_000_000, 7, 30])
        {
            tally.Add(VisitTo(linkId));
        }

        tally.Add(VisitTo(5, userAgent: Googlebot));
        tally.Add(VisitTo(6) with { ClickCounted = true });

        var batch = tally.ToBatch();

        Assert.Equal([(7L, 2L), (30L, 3L), (1_000_000_000_000L, 1L)], Rows(batch.Clicks));
        Assert.Equal(8, tally.Count);
    }

    [Fact]
    public void VisitsAreCountedPerKindEachKindsLinksInOrder()
    {
        var tally = new VisitTally();
        tally.Add(VisitTo(9));
        tally.Add(VisitTo(3, referrer: "https://News.Example.org/story"));
        tally.Add(VisitTo(2));
        tally.Add(VisitTo(9));
        tally.Add(VisitTo(3, userAgent: Googlebot));
        tally.Add(VisitTo(2, minuteLater: 1));
        tally.Add(VisitTo(1, referrer: "https://news.example.org/other"));

        var visits = tally.ToBatch().Visits.ToDictionary(visits => visits.Kind, visits => Rows(visits.Links));

        Assert.Equal(4, visits.Count);
        Assert.Equal([(2L, 1L), (9L, 2L)], visits[new VisitKind(Minute, "", "Firefox", "Linux", false)]);
        Assert.Equal([(1L, 1L), (3L, 1L)], visits[new VisitKind(Minute, "news.example.org", "Firefox", "Linux", false)]);
        Assert.Equal([(3L, 1L)], visits[new VisitKind(Minute, "", "Googlebot", "Other", true)]);
        Assert.Equal([(2L, 1L)], visits[new VisitKind(Minute + 1, "", "Firefox", "Linux", false)]);
    }

    [Fact]
    public void ABatchAfterAClearHoldsOnlyWhatCameSince()
    {
        var tally = new VisitTally();
        for (var linkId = 1; linkId <= 1_000; linkId++)
        {
            tally.Add(VisitTo(linkId, referrer: $"https://site{linkId % 7}.example/"));
        }

        Assert.Equal(1_000, tally.ToBatch().Clicks.Length);
        tally.Clear();
        tally.Add(VisitTo(500));
        tally.Add(VisitTo(4));

        var batch = tally.ToBatch();

        Assert.Equal([(4L, 1L), (500L, 1L)], Rows(batch.Clicks));
        var visits = Assert.Single(batch.Visits);
        Assert.Equal([(4L, 1L), (500L, 1L)], Rows(visits.Links));
        Assert.Equal(2, tally.Count);
    }

    [Fact]
    public void ManyMoreVisitsThanLinksAreAddedUpExactly()
    {
        var tally = new VisitTally();
        for (var visit = 0; visit < 100_000; visit++)
        {
            tally.Add(VisitTo(visit % 3 == 0 ? 40 : 7 + visit % 2));
        }

        var batch = tally.ToBatch();

        Assert.Equal([(7L, 33_333L), (8L, 33_333L), (40L, 33_334L)], Rows(batch.Clicks));
        Assert.Equal([(7L, 33_333L), (8L, 33_333L), (40L, 33_334L)], Rows(Assert.Single(batch.Visits).Links));
    }

    [Fact]
    public void VisitsAddedAfterABatchWasMadeJoinItsCountsInTheNext()
    {
        // A write that fails keeps its tally, and the next batch holds both its visits and those that came since.
        var tally = new VisitTally();
        tally.Add(VisitTo(20));
        tally.Add(VisitTo(10));
        tally.ToBatch();
        tally.Add(VisitTo(20));
        tally.Add(VisitTo(15));

        var batch = tally.ToBatch();

        Assert.Equal([(10L, 1L), (15L, 1L), (20L, 2L)], Rows(batch.Clicks));
        Assert.Equal([(10L, 1L), (15L, 1L), (20L, 2L)], Rows(Assert.Single(batch.Visits).Links));
        Assert.Equal(4, tally.Count);
    }

    [Fact]
    public void PastItsBoundAVisitAddsOnlyItsClick()
    {
        var tally = new VisitTally(maxDetailedVisits: 2);
        tally.Add(VisitTo(10));
        tally.Add(VisitTo(10));
        tally.Add(VisitTo(10, referrer: "https://news.example/"));
        tally.Add(VisitTo(20));

        var batch = tally.ToBatch();

        Assert.Equal([(10L, 3L), (20L, 1L)], Rows(batch.Clicks));
        Assert.Equal([(10L, 2L)], Rows(Assert.Single(batch.Visits).Links));
        Assert.Equal(2, batch.Rows!.Count);
        Assert.Equal(2, tally.DetailsDropped);
        Assert.Equal(4, tally.Count);
    }

    [Fact]
    public void ClicksPastTheBoundJoinTheRowsClicksInLinkOrderAndABatchMadeAgainCountsThemOnce()
    {
        var tally = new VisitTally(maxDetailedVisits: 3);
        foreach (var linkId in (long[])[50, 20, 50, 10, 50, 60, 20, 5])
        {
            tally.Add(VisitTo(linkId));
        }

        tally.Add(VisitTo(30, userAgent: Googlebot));
        tally.ToBatch();

        var batch = tally.ToBatch();

        Assert.Equal([(5L, 1L), (10L, 1L), (20L, 2L), (50L, 3L), (60L, 1L)], Rows(batch.Clicks));
        Assert.Equal([(20L, 1L), (50L, 2L)], Rows(Assert.Single(batch.Visits).Links));
        Assert.Equal(6, tally.DetailsDropped);
    }

    [Fact]
    public void EachKindsLinksStayApartWhenTheirVisitsInterleave()
    {
        var tally = new VisitTally();
        for (var linkId = 1; linkId <= 300; linkId++)
        {
            tally.Add(VisitTo(linkId, referrer: $"https://site{linkId % 3}.example/"));
            tally.Add(VisitTo(linkId, referrer: $"https://site{linkId % 3}.example/"));
            tally.Add(VisitTo(linkId, minuteLater: 1));
        }

        var visits = tally.ToBatch().Visits.ToDictionary(visits => visits.Kind, visits => Rows(visits.Links));

        Assert.Equal(4, visits.Count);
        for (var site = 0; site < 3; site++)
        {
            Assert.Equal([.. Enumerable.Range(1, 300).Where(linkId => linkId % 3 == site).Select(linkId => ((long)linkId, 2L))],
                visits[new VisitKind(Minute, $"site{site}.example", "Firefox", "Linux", false)]);
        }

        Assert.Equal([.. Enumerable.Range(1, 300).Select(linkId => ((long)linkId, 1L))], visits[new VisitKind(Minute + 1, "", "Firefox", "Linux", false)]);
    }

    [Fact]
    public void AnEmptyTallyMakesAnEmptyBatch()
    {
        var tally = new VisitTally();
        tally.Add(VisitTo(1));
        tally.ToBatch();
        tally.Clear();

        Assert.True(tally.ToBatch().IsEmpty);
    }

    private static Visit VisitTo(long linkId, string? referrer = null, string userAgent = Firefox, int minuteLater = 0) =>
        new(linkId, new DateTime(2026, 11, 26, 12, 0, 30, DateTimeKind.Utc).AddMinutes(minuteLater).Ticks,
            referrer is null ? StringValues.Empty : new StringValues(referrer), new StringValues(userAgent), ClickCounted: false);

    private static List<(long LinkId, long Count)> Rows(LinkCounts links) =>
        [.. links.LinkIds.ToArray().Zip(links.Counts.ToArray())];
}
