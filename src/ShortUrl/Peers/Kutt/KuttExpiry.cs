using System.Text.RegularExpressions;

namespace ShortUrl.Peers.Kutt;

/// <summary>Kutt's <c>expire_in</c>: a duration as its clients write it ("2 minutes", "1 hour", "3 days", "1w"), from now.</summary>
internal static partial class KuttExpiry
{
    /// <summary>The moment the link expires, as ISO 8601 for the native rules; null when <paramref name="text"/> is no duration.</summary>
    public static string? FromNow(string text, DateTimeOffset now)
    {
        var match = Duration().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        TimeSpan? length = unit switch
        {
            "ms" or "msec" or "msecs" or "millisecond" or "milliseconds" => TimeSpan.FromMilliseconds(amount),
            "s" or "sec" or "secs" or "second" or "seconds" => TimeSpan.FromSeconds(amount),
            "m" or "min" or "mins" or "minute" or "minutes" => TimeSpan.FromMinutes(amount),
            "h" or "hr" or "hrs" or "hour" or "hours" => TimeSpan.FromHours(amount),
            "d" or "day" or "days" => TimeSpan.FromDays(amount),
            "w" or "week" or "weeks" => TimeSpan.FromDays(amount * 7),
            "y" or "yr" or "yrs" or "year" or "years" => TimeSpan.FromDays(amount * 365.25),
            _ => null,
        };
        if (length is not { } span || span > TimeSpan.FromDays(365.25 * 100))
        {
            return null;
        }

        return (now + span).ToString("O", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<amount>\d{1,9}(\.\d{1,6})?)\s*(?<unit>[A-Za-z]+)$")]
    private static partial Regex Duration();
}
