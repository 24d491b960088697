using ShortUrl.RedirectIndex;
namespace ShortUrl.Redirects;

/// <summary>
/// The rules a redirect checks before it answers, prepared once per link in the cache. A plain link has none (its
/// <see cref="RedirectTarget.Guard"/> is null), so following it costs nothing more than it did before rules existed.
/// </summary>
internal sealed class LinkGuard
{
    private volatile bool _limitReached;

    private LinkGuard(DateTime? expiresAt, long? maxClicks, bool hasPassword)
    {
        ExpiresAt = expiresAt;
        MaxClicks = maxClicks;
        HasPassword = hasPassword;
    }

    public DateTime? ExpiresAt { get; }

    public long? MaxClicks { get; }

    public bool HasPassword { get; }

    /// <summary>
    /// The store said no to a click: every later one is refused from memory, until an edit (which may raise the limit)
    /// replaces this cache entry.
    /// </summary>
    public bool LimitReached => _limitReached;

    /// <returns>Null for a link without rules.</returns>
    public static LinkGuard? For(DateTime? expiresAt, long? maxClicks, bool hasPassword) =>
        expiresAt is null && maxClicks is null && !hasPassword ? null : new LinkGuard(expiresAt, maxClicks, hasPassword);

    internal void MarkLimitReached() => _limitReached = true;
}
