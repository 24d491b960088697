using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ShortUrl.Storage;

namespace ShortUrl.Peers.Bitly;

/// <summary>
/// Bitly's click metrics of a bitlink (clicks per unit, their sum, referrers, countries), over the native stats: people's
/// clicks, bots left out, as Bitly counts them.
/// </summary>
internal static class BitlyMetrics
{
    private const long MsPerMinute = 60_000;

    public static async Task<Results<Ok<BitlyClicks>, JsonHttpResult<BitlyError>>> Clicks(
        string hash, string? unit, string? units, string? unit_reference, HttpContext context, Links.LinkService links, IStatsQueries stats,
        IVisitLog visits, TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, range, refused) = await MeteredAsync(hash, unit, units, unit_reference, context, links, time, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

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
        return TypedResults.Ok(new BitlyClicks(clicks, range.Units, range.Unit, BitlyDates.Format(range.Reference)));
    }

    public static async Task<Results<Ok<BitlyClicksSummary>, JsonHttpResult<BitlyError>>> Summary(
        string hash, string? unit, string? units, string? unit_reference, HttpContext context, Links.LinkService links, IStatsQueries stats,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, range, refused) = await MeteredAsync(hash, unit, units, unit_reference, context, links, time, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var byVisitor = await stats.ClicksByVisitorAsync(link.Id, range.FromMs / MsPerMinute, range.ToMs / MsPerMinute + 1, cancellationToken);
        return TypedResults.Ok(new BitlyClicksSummary(byVisitor.Where(v => !v.Bot).Sum(v => v.Clicks), range.Units, range.Unit, BitlyDates.Format(range.Reference)));
    }

    public static async Task<Results<Ok<BitlyMetricList>, JsonHttpResult<BitlyError>>> Referrers(
        string hash, string? unit, string? units, string? unit_reference, HttpContext context, Links.LinkService links, IStatsQueries stats,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, range, refused) = await MeteredAsync(hash, unit, units, unit_reference, context, links, time, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var byVisitor = await stats.ClicksByVisitorAsync(link.Id, range.FromMs / MsPerMinute, range.ToMs / MsPerMinute + 1, cancellationToken);
        var metrics = byVisitor.Where(v => !v.Bot)
            .GroupBy(v => v.Referrer.Length == 0 ? "direct" : v.Referrer)
            .Select(g => new BitlyMetric(g.Key, g.Sum(v => v.Clicks)))
            .OrderByDescending(m => m.Clicks).ThenBy(m => m.Value, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new BitlyMetricList(metrics, range.Units, range.Unit, BitlyDates.Format(range.Reference), "referrers"));
    }

    public static async Task<Results<Ok<BitlyMetricList>, JsonHttpResult<BitlyError>>> Countries(
        string hash, string? unit, string? units, string? unit_reference, HttpContext context, Links.LinkService links, IVisitLog visits,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (link, range, refused) = await MeteredAsync(hash, unit, units, unit_reference, context, links, time, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var countries = await visits.CountriesAsync(link.Id, range.FromMs, range.ToMs, 250, cancellationToken);
        var metrics = countries.Select(c => new BitlyMetric(c.Country, c.Visits)).ToList();
        return TypedResults.Ok(new BitlyMetricList(metrics, range.Units, range.Unit, BitlyDates.Format(range.Reference), "countries"));
    }

    private sealed record MetricRange(string Unit, int Units, DateTime Reference, long FromMs, long ToMs);

    /// <summary>The bitlink the caller manages and the range its query asks for, or Bitly's error for either.</summary>
    private static async Task<(Link Link, MetricRange Range, JsonHttpResult<BitlyError>? Refused)> MeteredAsync(
        string hash, string? unit, string? units, string? unitReference, HttpContext context, Links.LinkService links, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await BitlyLinks.ManagedAsync(hash, context, links, cancellationToken) is not { } link)
        {
            return (null!, null!, BitlyErrors.NotFound());
        }

        return Range(link, unit, units, unitReference, time) is { } range
            ? (link, range, null)
            : (link, null!, BitlyErrors.InvalidArgument("unit", "unit must be minute, hour, day, week or month; units -1 or a whole number from 1."));
    }

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
