namespace ShortUrl.Storage;

/// <summary>
/// How both engines keep times: UTC to the millisecond. SQLite keeps them as ISO 8601 text, which sorts as text and reads
/// back unambiguously; PostgreSQL as timestamptz, cut to the millisecond so both answer with the same times.
/// </summary>
internal static class StoredTime
{
    public const string TextFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTime time) => time.ToUniversalTime().ToString(TextFormat, CultureInfo.InvariantCulture);

    public static string? ToText(DateTime? time) => time is { } value ? ToText(value) : null;

    public static DateTime Parse(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static DateTime ToMilliseconds(DateTime time)
    {
        var utc = time.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    public static DateTime? ToMilliseconds(DateTime? time) => time is { } value ? ToMilliseconds(value) : null;
}
