namespace ShortUrl.Links;

/// <summary>The optional rules of a link as people send them (on create and on edit), checked one field at a time.</summary>
internal static class LinkRulesInput
{
    // Dates with a time and optionally an offset ('Z', '+02:00'), or a date alone (its midnight, UTC).
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    ];

    /// <returns>The field and why it is wrong, or null when all are fine (then <paramref name="rules"/> holds them).</returns>
    public static (string Field, string Message)? Validate(
        string? expiresAt, long? maxClicks, string? password, DateTime utcNow, out LinkRules rules)
    {
        rules = LinkRules.None;
        if (ValidateExpiresAt(expiresAt, utcNow, out var expiry) is { } expiryProblem)
        {
            return ("expiresAt", expiryProblem);
        }

        if (ValidateMaxClicks(maxClicks) is { } limitProblem)
        {
            return ("maxClicks", limitProblem);
        }

        if (ValidatePassword(password) is { } passwordProblem)
        {
            return ("password", passwordProblem);
        }

        if (expiry is not null || maxClicks is not null || !string.IsNullOrEmpty(password))
        {
            rules = new LinkRules(expiry, maxClicks, string.IsNullOrEmpty(password) ? null : LinkPasswords.Hash(password));
        }

        return null;
    }

    /// <param name="text">ISO 8601, for example <c>2030-01-31T23:59:00Z</c>; without an offset it is UTC. Empty or null: none.</param>
    /// <param name="utcNow">The expiry must come after it.</param>
    /// <param name="expiresAt">The moment in UTC, or null for none.</param>
    /// <returns>Why it cannot be used, or null.</returns>
    public static string? ValidateExpiresAt(string? text, DateTime utcNow, out DateTime? expiresAt)
    {
        expiresAt = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return "'expiresAt' must be an ISO 8601 date and time, like 2030-01-31T23:59:00Z.";
        }

        if (parsed.UtcDateTime <= utcNow)
        {
            return "'expiresAt' must be in the future.";
        }

        expiresAt = parsed.UtcDateTime;
        return null;
    }

    /// <summary>A click limit written as text (a form field, a CSV column): empty or null is none.</summary>
    /// <returns>Why it is not a whole number, or null.</returns>
    public static string? ParseMaxClicks(string? text, out long? maxClicks)
    {
        maxClicks = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return "'maxClicks' must be a whole number.";
        }

        maxClicks = parsed;
        return null;
    }

    public static string? ValidateMaxClicks(long? maxClicks) =>
        maxClicks is < 1 ? "'maxClicks' must be at least 1." : null;

    public static string? ValidatePassword(string? password) =>
        password is { Length: > LinkPasswords.MaxLength } ? $"A password is at most {LinkPasswords.MaxLength} characters long." : null;
}
