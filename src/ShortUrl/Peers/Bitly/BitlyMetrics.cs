using Microsoft.AspNetCore.Mvc;

namespace ShortUrl.Peers.Bitly;

/// <summary>
/// Bitly's click metrics of a bitlink (clicks per unit, their sum, referrers, countries), over the native stats: people's
/// clicks, bots left out, as Bitly counts them.
/// </summary>
internal static class BitlyMetrics
{
    private const long MsPerMinute = 60_000;

    public static Task<Results<Ok<BitlyClicks>, JsonHttpResult<BitlyError>>> Clicks(
        [AsParameters] MetricQuery query, IStatsQueries stats, IVisitLog visits, CancellationToken cancellationToken) =>
        MeteredAsync(query, async (link, range) =>
        {
            List<(DateTime Start, long Clicks)> buckets;
            if (range.Unit is "minute" or "hour")
            {
                // Minutes and hours are finer than the daily counts: read from the visits kept one by one.
                var rows = await visits.VisitsAsync(link.Id, range.FromMs, range.ToMs, 0, 10_000, cancellationToken);
                buckets = rows.Items.Where(v => v.Bot == 0)
                    .GroupBy(v => Truncate(DateTime.UnixEpoch.AddMilliseconds(v.VisitedAt), range.Unit))
                    .Select(g => (g.Key, (long)g.Count())).ToList();
            }
            else
            {
                var days = await stats.ClicksByDayAsync(link.Id, range.FromMs / MsPerMinute, range.ToMs / MsPerMinute, cancellationToken);
                buckets = days.Where(d => !d.Bot)
                    .GroupBy(d => Truncate(DateTime.UnixEpoch.AddDays(d.Day), range.Unit))
                    .Select(g => (g.Key, g.Sum(d => d.Clicks))).ToList();
            }

            var clicks = buckets.OrderByDescending(b => b.Start).Select(b => new BitlyLinkClicks(BitlyDates.Format(b.Start), b.Clicks)).ToList();
            return new BitlyClicks(clicks, range.Units, range.Unit, range.UnitReference);
        }, cancellationToken);

    public static Task<Results<Ok<BitlyClicksSummary>, JsonHttpResult<BitlyError>>> Summary(
        [AsParameters] MetricQuery query, IStatsQueries stats, CancellationToken cancellationToken) =>
        MeteredAsync(query, async (link, range) => new BitlyClicksSummary(
            (await PeopleByVisitorAsync(stats, link, range, cancellationToken)).Sum(v => v.Clicks), range.Units, range.Unit, range.UnitReference),
            cancellationToken);

    public static Task<Results<Ok<BitlyMetricList>, JsonHttpResult<BitlyError>>> Referrers(
        [AsParameters] MetricQuery query, IStatsQueries stats, CancellationToken cancellationToken) =>
        MeteredAsync(query, async (link, range) =>
        {
            var metrics = (await PeopleByVisitorAsync(stats, link, range, cancellationToken))
                .GroupBy(v => v.Referrer.Length == 0 ? "direct" : v.Referrer)
                .Select(g => new BitlyMetric(g.Key, g.Sum(v => v.Clicks)))
                .OrderByDescending(m => m.Clicks).ThenBy(m => m.Value, StringComparer.Ordinal).ToList();
            return new BitlyMetricList(metrics, range.Units, range.Unit, range.UnitReference, "referrers");
        }, cancellationToken);

    public static Task<Results<Ok<BitlyMetricList>, JsonHttpResult<BitlyError>>> Countries(
        [AsParameters] MetricQuery query, IVisitLog visits, CancellationToken cancellationToken) =>
        MeteredAsync(query, async (link, range) =>
        {
            var countries = await visits.CountriesAsync(link.Id, range.FromMs, range.ToMs, 250, cancellationToken);
            var metrics = countries.Select(c => new BitlyMetric(c.Country, c.Visits)).ToList();
            return new BitlyMetricList(metrics, range.Units, range.Unit, range.UnitReference, "countries");
        }, cancellationToken);

    /// <summary>What every metric of a bitlink is asked with: the bitlink, and Bitly's <c>unit</c>, <c>units</c> and <c>unit_reference</c>.</summary>
    internal sealed record MetricQuery(
        [FromRoute(Name = "hash")] string Hash,
        [FromQuery(Name = "unit")] string? Unit,
        [FromQuery(Name = "units")] string? Units,
        [FromQuery(Name = "unit_reference")] string? UnitReference,
        HttpContext Context,
        LinkService Links,
        TimeProvider Time);

    private sealed record MetricRange(string Unit, int Units, DateTime Reference, long FromMs, long ToMs)
    {
        /// <summary>The reference as Bitly writes it in every answer.</summary>
        public string UnitReference => BitlyDates.Format(Reference);
    }

    /// <summary>The answer over the bitlink the caller manages and the range its query asks for, or Bitly's error for either.</summary>
    private static async Task<Results<Ok<T>, JsonHttpResult<BitlyError>>> MeteredAsync<T>(
        MetricQuery query, Func<Link, MetricRange, Task<T>> answer, CancellationToken cancellationToken)
    {
        if (await BitlyLinks.ManagedAsync(query.Hash, query.Context, query.Links, cancellationToken) is not { } link)
        {
            return BitlyErrors.NotFound();
        }

        return Range(link, query.Unit, query.Units, query.UnitReference, query.Time) is { } range
            ? TypedResults.Ok(await answer(link, range))
            : BitlyErrors.InvalidArgument("unit", "unit must be minute, hour, day, week or month; units -1 or a whole number from 1.");
    }

    /// <summary>People's clicks in the range per kind of visitor, bots left out.</summary>
    private static async Task<IEnumerable<VisitorClicks>> PeopleByVisitorAsync(
        IStatsQueries stats, Link link, MetricRange range, CancellationToken cancellationToken) =>
        (await stats.ClicksByVisitorAsync(link.Id, range.FromMs / MsPerMinute, range.ToMs / MsPerMinute + 1, cancellationToken)).Where(v => !v.Bot);

    /// <summary>Bitly's <c>unit</c> (day by default), <c>units</c> (-1, every unit since the link was created, by default) and <c>unit_reference</c> (now).</summary>
    private static MetricRange? Range(Link link, string? unit, string? units, string? unitReference, TimeProvider time)
    {
        var name = unit ?? "day";
        var count = -1;
        if (name is not ("minute" or "hour" or "day" or "week" or "month")
            || (units is not null && (!int.TryParse(units, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count) || (count != -1 && count < 1))))
        {
            return null;
        }

        var reference = time.GetUtcNow().UtcDateTime;
        if (!string.IsNullOrEmpty(unitReference))
        {
            if (!DateTimeOffset.TryParse(unitReference, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var given))
            {
                return null;
            }

            reference = given.UtcDateTime;
        }

        var from = count == -1
            ? link.CreatedAt
            : name switch
            {
                "minute" => reference.AddMinutes(-count),
                "hour" => reference.AddHours(-count),
                "day" => reference.AddDays(-count),
                "week" => reference.AddDays(-7 * count),
                _ => reference.AddMonths(-Math.Min(count, 12 * 100)),
            };
        var fromMs = Math.Max(0, (long)(Truncate(from, name) - DateTime.UnixEpoch).TotalMilliseconds);
        var toMs = (long)(reference - DateTime.UnixEpoch).TotalMilliseconds + MsPerMinute;
        return new MetricRange(name, count, reference, fromMs, Math.Max(toMs, fromMs + 1));
    }

    private static DateTime Truncate(DateTime utc, string unit) => unit switch
    {
        "minute" => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc),
        "hour" => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc),
        "week" => utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
        "month" => new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        _ => utc.Date,
    };
}
