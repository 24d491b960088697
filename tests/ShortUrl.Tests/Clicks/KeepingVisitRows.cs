using System.Net;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ShortUrl.Clicks;
using ShortUrl.Hosting;
using ShortUrl.Storage;
namespace ShortUrl.Tests.Clicks;

/// <summary>The tally keeps each visit whole for the visit log, and orphan visits apart from every count.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class KeepingVisitRows
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static readonly DateTime When = new(2026, 11, 26, 12, 0, 0, 123, DateTimeKind.Utc);

    [Fact]
    public void EveryVisitBecomesARowBotsAndCountedClicksIncludedByLinkThenTime()
    {
        var tally = new VisitTally();
        tally.Add(new Visit(30, When.AddMilliseconds(2).Ticks, StringValues.Empty, new StringValues(Firefox), ClickCounted: true));
        tally.Add(new Visit(7, When.Ticks + 1, StringValues.Empty, new StringValues(Googlebot), false));
        tally.Add(new Visit(30, When.Ticks, new StringValues("https://News.Example/a?b"), new StringValues(Firefox), false, IPAddress.Parse("8.8.8.8")));

        var batch = tally.ToBatch();

        var ms = VisitTally.MillisecondsOf(When.Ticks);
        Assert.Equal(
            [
                new VisitRow(7, ms, "", "Googlebot", "Other", true, null),
                new VisitRow(30, ms, "news.example", "Firefox", "Linux", false, null),
                new VisitRow(30, ms + 2, "", "Firefox", "Linux", false, null),
            ],
            batch.Rows);
        Assert.Equal(1_795_694_400_123, ms);
    }

    [Fact]
    public async Task VisitsOfOneKindFromTwoCountriesKeepEachItsCountryAndAreCountedAsOneKind()
    {
        var geoIp = new ShortUrlOptions { GeoIpDatabase = await TestGeoIp.PathAsync() };
        using var countries = new VisitCountries(Options.Create(geoIp), new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory });
        var tally = new VisitTally(countries);
        tally.Add(new Visit(5, When.Ticks, StringValues.Empty, new StringValues(Firefox), false, IPAddress.Parse(TestGeoIp.UsAddress)));
        tally.Add(new Visit(5, When.AddMilliseconds(1).Ticks, StringValues.Empty, new StringValues(Firefox), false, IPAddress.Parse(TestGeoIp.GbAddress)));
        tally.Add(new Visit(9, When.Ticks, StringValues.Empty, new StringValues(Firefox), false, IPAddress.Parse(TestGeoIp.GbAddress)));

        var batch = tally.ToBatch();

        var ms = VisitTally.MillisecondsOf(When.Ticks);
        Assert.Equal(
            [
                new VisitRow(5, ms, "", "Firefox", "Linux", false, "US"),
                new VisitRow(5, ms + 1, "", "Firefox", "Linux", false, "GB"),
                new VisitRow(9, ms, "", "Firefox", "Linux", false, "GB"),
            ],
            batch.Rows);
        var kind = Assert.Single(batch.Visits);
        Assert.Equal([5L, 9L], kind.Links.LinkIds.ToArray());
        Assert.Equal([2L, 1L], kind.Links.Counts.ToArray());
    }

    [Fact]
    public void OrphanVisitsAreKeptApartFromTheLinksCounts()
    {
        var tally = new VisitTally();
        tally.Add(new Visit(0, When.Ticks, StringValues.Empty, new StringValues(Firefox), true, null,
            new OrphanRequest(OrphanKind.InvalidShortUrl, "/Nope123")));

        var batch = tally.ToBatch();

        Assert.Equal([new OrphanVisitRow(OrphanKind.InvalidShortUrl, "/Nope123", VisitTally.MillisecondsOf(When.Ticks), "", "Firefox", "Linux", false, null)],
            batch.Orphans);
        Assert.Empty(batch.Rows!);
        Assert.Equal(0, batch.Clicks.Length);
        Assert.Empty(batch.Visits);
        Assert.False(batch.IsEmpty);

        tally.Clear();
        Assert.True(tally.ToBatch().IsEmpty);
    }
}
