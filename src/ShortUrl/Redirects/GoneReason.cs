namespace ShortUrl.Redirects;

/// <summary>Why a link no longer redirects, worded to follow "The link /abc ..." (the 410 page and problem, the preview).</summary>
internal static class GoneReason
{
    /// <param name="expiresAt">The link's expiry, if it has one.</param>
    /// <param name="reachedLimit">The link's click limit when its clicks have reached it; null while clicks are left.</param>
    /// <param name="utcNow">Now.</param>
    /// <returns>Null while the link redirects.</returns>
    public static string? Of(DateTime? expiresAt, long? reachedLimit, DateTime utcNow) =>
        expiresAt is { } expiry && utcNow >= expiry ? Expired(expiry)
        : reachedLimit is { } limit ? LimitReached(limit)
        : null;

    public static string Expired(DateTime expiresAt) => $"expired on {RedirectPages.Time(expiresAt)}";

    public static string LimitReached(long maxClicks) => $"reached its limit of {maxClicks} clicks";
}
