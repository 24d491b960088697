using ShortUrl.Clicks;
namespace ShortUrl.Stats;

/// <summary>A link's visits over a range of days.</summary>
/// <param name="Code">The link's code.</param>
/// <param name="From">First day of the range, UTC.</param>
/// <param name="To">Last day of the range, UTC, included.</param>
/// <param name="Clicks">Clicks by people since the link was created: its headline count.</param>
/// <param name="BotClicks">Visits by crawlers and link-preview fetchers since the link was created.</param>
/// <param name="Range">The same two counts within the range.</param>
/// <param name="Days">Every day of the range, oldest first, with zeros on days without visits.</param>
/// <param name="Referrers">Hosts that sent people in the range, most first; "(direct)" for none.</param>
/// <param name="Browsers">Browser families of people in the range, most first.</param>
/// <param name="OperatingSystems">OS families of people in the range, most first.</param>
/// <param name="Bots">Bots that visited in the range, most first.</param>
/// <param name="Countries">Countries (ISO 3166 codes) of people in the range, most first, from the visits kept as rows:
/// known only with <c>ShortUrl:GeoIpDatabase</c>, and gone with the rows (deleted, or past the retention).</param>
internal sealed record LinkStats(
    string Code,
    DateOnly From,
    DateOnly To,
    long Clicks,
    long BotClicks,
    ClickTotals Range,
    List<DayClicks> Days,
    List<NamedClicks> Referrers,
    List<NamedClicks> Browsers,
    List<NamedClicks> OperatingSystems,
    List<NamedClicks> Bots,
    List<NamedClicks> Countries);

internal sealed record ClickTotals(long Clicks, long BotClicks);

internal sealed record DayClicks(DateOnly Date, long Clicks, long BotClicks);

internal sealed record NamedClicks(string Name, long Clicks);

/// <summary><c>GET /api/urls/{code}/stats</c>: totals, clicks per day, top referrers, browsers and OS families.</summary>
internal static class StatsApi
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;
    public const int TopCount = 10;
    public const string Direct = "(direct)";

    private const string DateFormat = "yyyy-MM-dd";
    private const long MillisecondsPerMinute = 60_000;

    /// <summary>The first day there can be visits: click times count from the Unix epoch.</summary>
    internal static readonly DateOnly MinDay = DateOnly.FromDateTime(DateTime.UnixEpoch);

    /// <summary>The last day whose end (the next midnight) is still a date.</summary>
    internal static readonly DateOnly MaxDay = DateOnly.MaxValue.AddDays(-1);

    /// <param name="links">The <c>/api/urls</c> group.</param>
    public static RouteGroupBuilder MapStats(this RouteGroupBuilder links)
    {
        links.MapGet("/{code}/stats", Stats)
            .Describe("GetLinkStats", "A link's visits: totals, clicks per day, top referrers, browsers, OS families and countries",
                $"""
                'from' and 'to' are UTC days (YYYY-MM-DD) from 1970-01-01 to 9999-12-30, both included, at most
                {MaxDays} days apart; by default the last {DefaultDays} days. Bots (crawlers, chat apps' link previews,
                scripts such as curl) are counted apart from people and left out of 'clicks'. Visits reach the stats a
                moment after the redirect.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymousWhen(AnonymousMode.CreateAndList);
        return links;
    }

    private static async Task<Results<Ok<LinkStats>, ValidationProblem, ProblemHttpResult>> Stats(
        string code, string? from, string? to, HttpContext context, LinkService links, IStatsQueries store, IVisitLog visitLog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (fromDay, fromProblem) = ParseDay("from", from, today);
        if (fromProblem is not null)
        {
            return fromProblem;
        }

        var (toDay, toProblem) = ParseDay("to", to, today);
        if (toProblem is not null)
        {
            return toProblem;
        }

        var last = toDay ?? today;
        // Left out, 'from' goes back DefaultDays from 'to', but never before the first day there can be visits.
        var first = fromDay ?? (last.DayNumber - MinDay.DayNumber < DefaultDays ? MinDay : last.AddDays(1 - DefaultDays));
        if (first > last)
        {
            return Problems.Validation("from", "'from' must not be after 'to'.");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Problems.Validation("from", $"The range may span at most {MaxDays} days; ask for several ranges instead.");
        }

        var link = await links.FindAsync(code, cancellationToken);
        if (link is null)
        {
            return Problems.NotFound(code);
        }

        if (Requester.Of(context) is var requester && !requester.MaySee(link))
        {
            return requester.Refusal(link);
        }

        var fromMinute = MinuteOf(first);
        var toMinute = MinuteOf(last.AddDays(1));
        var byDay = await store.ClicksByDayAsync(link.Id, fromMinute, toMinute, cancellationToken);
        var byVisitor = await store.ClicksByVisitorAsync(link.Id, fromMinute, toMinute, cancellationToken);
        var botClicks = await store.BotClicksAsync(link.Id, cancellationToken);
        var countries = await visitLog.CountriesAsync(
            link.Id, fromMinute * MillisecondsPerMinute, toMinute * MillisecondsPerMinute, TopCount, cancellationToken);

        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(offset =>
        {
            var day = first.AddDays(offset);
            var epochDay = day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
            return new DayClicks(
                day,
                byDay.Where(d => d.Day == epochDay && !d.Bot).Sum(d => d.Clicks),
                byDay.Where(d => d.Day == epochDay && d.Bot).Sum(d => d.Clicks));
        }).ToList();
        var people = byVisitor.Where(v => !v.Bot).ToList();
        return TypedResults.Ok(new LinkStats(
            link.Code,
            first,
            last,
            link.Clicks,
            botClicks,
            new ClickTotals(people.Sum(v => v.Clicks), byVisitor.Where(v => v.Bot).Sum(v => v.Clicks)),
            days,
            Top(people, v => v.Referrer.Length == 0 ? Direct : v.Referrer),
            Top(people, v => v.Browser),
            Top(people, v => v.Os),
            Top(byVisitor.Where(v => v.Bot), v => v.Browser),
            countries.Select(c => new NamedClicks(c.Country, c.Visits)).ToList()));
    }

    private static List<NamedClicks> Top(IEnumerable<VisitorClicks> visits, Func<VisitorClicks, string> name) => visits
        .GroupBy(name, StringComparer.Ordinal)
        .Select(g => new NamedClicks(g.Key, g.Sum(v => v.Clicks)))
        .OrderByDescending(n => n.Clicks)
        .ThenBy(n => n.Name, StringComparer.Ordinal)
        .Take(TopCount)
        .ToList();

    /// <summary>
    /// The day <paramref name="text"/> names (null when left out), or the problem with it: not a date as
    /// <see cref="DateFormat"/>, or outside <see cref="MinDay"/> to <see cref="MaxDay"/>.
    /// </summary>
    private static (DateOnly? Day, ValidationProblem? Problem) ParseDay(string parameter, string? text, DateOnly today)
    {
        if (text is null)
        {
            return (null, null);
        }

        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (null, Problems.Validation(parameter,
                $"'{parameter}' must be a date as {DateFormat}, like {Format(today)}."));
        }

        return day < MinDay || day > MaxDay
            ? (null, Problems.Validation(parameter, $"'{parameter}' must be a day from {Format(MinDay)} to {Format(MaxDay)}."))
            : (day, null);
    }

    private static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static long MinuteOf(DateOnly day) => VisitTally.MinuteOf(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks);
}
