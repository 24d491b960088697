namespace ShortUrl.Storage;

/// <summary>The optional rules a link is created with; every one null means a plain link.</summary>
internal sealed record LinkRules(DateTime? ExpiresAt, long? MaxClicks, string? PasswordHash)
{
    public static readonly LinkRules None = new(null, null, null);

    /// <summary>Whether a redirect appends the short link's query string to the target's (the default).</summary>
    public bool ForwardQuery { get; init; } = true;

    /// <summary>The redirect rules as stored (a JSON array); null for none.</summary>
    public string? RedirectRules { get; init; }
}

/// <summary>One field of an edit: left as it is, or set to <see cref="Value"/> (which may be null: cleared).</summary>
internal readonly record struct FieldChange<T>(bool IsChanged, T Value)
{
    public static FieldChange<T> Unchanged => default;

    public static FieldChange<T> To(T value) => new(true, value);
}

/// <summary>An edit of a link: each field unchanged, set, or (except the target) cleared; new tags replace the old.</summary>
internal sealed record LinkChanges(
    FieldChange<string> Url, FieldChange<DateTime?> ExpiresAt, FieldChange<long?> MaxClicks, FieldChange<string?> PasswordHash,
    FieldChange<string?> Title = default,
    FieldChange<IReadOnlyList<string>> Tags = default)
{
    public FieldChange<bool> ForwardQuery { get; init; }

    /// <summary>The redirect rules as stored (a JSON array), or null: none.</summary>
    public FieldChange<string?> RedirectRules { get; init; }
}
