using ShortUrl.Clicks;

namespace ShortUrl.Stats;

/// <summary>One visit, as <c>GET /api/urls/{code}/visits</c> lists it.</summary>
/// <param name="VisitedAt">When, UTC, to the millisecond.</param>
/// <param name="Referrer">The host of the page that sent the visitor; null when none was sent.</param>
/// <param name="Browser">The browser family, or a bot's name.</param>
/// <param name="Os">The OS family.</param>
/// <param name="Bot">A crawler, link-preview fetcher or script.</param>
/// <param name="Country">The visitor's country, ISO 3166 (for example "US"); null when unknown.</param>
internal sealed record VisitResponse(DateTime VisitedAt, string? Referrer, string Browser, string Os, bool Bot, string? Country)
{
    public static VisitResponse From(LoggedVisit visit) => new(
        DateTime.UnixEpoch.AddMilliseconds(visit.VisitedAt), visit.Referrer.Length == 0 ? null : visit.Referrer,
        visit.Browser, visit.Os, visit.Bot != 0, visit.Country);
}

/// <summary>A page of a link's visits, newest first, shaped as a page of <c>GET /api/urls</c>.</summary>
/// <param name="Items">The visits of the page.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Visits per page.</param>
/// <param name="Total">How many visits are in the range, on every page together.</param>
internal sealed record VisitPageResponse(List<VisitResponse> Items, int Page, int PageSize, long Total);

/// <summary>What <c>DELETE /api/urls/{code}/visits</c> deleted.</summary>
internal sealed record DeletedVisitsResponse(long DeletedVisits);

/// <summary>The query string shared by the visit lists: a time range and a page.</summary>
internal static class VisitQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// 'from' and 'to' as a UTC day (YYYY-MM-DD: from its start, to its end) or an ISO 8601 time with an offset; the
    /// range in milliseconds since 1970-01-01 UTC, the end excluded. Null problem when both are good.
    /// </summary>
    public static (long FromMs, long ToMs, ValidationProblem? Problem) Range(string? from, string? to)
    {
        var (fromMs, fromProblem) = Time("from", from, endOfDay: false);
        if (fromProblem is not null)
        {
            return (0, 0, fromProblem);
        }

        var (toMs, toProblem) = Time("to", to, endOfDay: true);
        if (toProblem is not null)
        {
            return (0, 0, toProblem);
        }

        var start = fromMs ?? 0;
        var end = toMs ?? long.MaxValue;
        return start >= end ? (0, 0, Problems.Validation("from", "'from' must be before 'to'.")) : (start, end, null);
    }

    /// <summary>'page' from 1 and 'pageSize' from 1 to <see cref="MaxPageSize"/>, or the problem with them.</summary>
    public static (int Page, int PageSize, ValidationProblem? Problem) Page(string? page, string? pageSize)
    {
        var number = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            return (0, 0, Problems.Validation("page", "'page' must be a whole number from 1."));
        }

        var size = DefaultPageSize;
        if (pageSize is not null
            && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return (0, 0, Problems.Validation("pageSize", $"'pageSize' must be a whole number from 1 to {MaxPageSize}."));
        }

        return (number, size, null);
    }

    private static (long? Ms, ValidationProblem? Problem) Time(string parameter, string? text, bool endOfDay)
    {
        if (text is null)
        {
            return (null, null);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day >= DateOnly.FromDateTime(DateTime.UnixEpoch) && day < DateOnly.MaxValue)
        {
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return (VisitTally.MillisecondsOf((endOfDay ? start.AddDays(1) : start).Ticks), null);
        }

        // An instant needs its offset: a time without one would mean whatever the server's zone is.
        if (text.Contains('T', StringComparison.Ordinal) && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && instant.UtcDateTime >= DateTime.UnixEpoch)
        {
            return (VisitTally.MillisecondsOf(instant.UtcTicks) + (endOfDay ? 1 : 0), null);
        }

        return (null, Problems.Validation(parameter,
            $"'{parameter}' must be a UTC day as YYYY-MM-DD or a time as ISO 8601 with its offset, like 2026-12-01T09:30:00Z, from 1970 on."));
    }
}
