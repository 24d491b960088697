namespace ShortUrl.Storage;

/// <summary>
/// The API keys added with the service's <c>keys</c> command, and when each key (from there or from the configuration)
/// was last used. Keys are kept only as their SHA-256.
/// </summary>
internal interface IApiKeyStore
{
    /// <summary>Every key of the database, by name.</summary>
    Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken);

    /// <returns>False when a key of that name already exists (nothing is changed).</returns>
    Task<bool> AddAsync(StoredApiKey key, CancellationToken cancellationToken);

    /// <summary>Deletes the key and its last use.</summary>
    /// <returns>False when there is no key of that name in the database.</returns>
    Task<bool> RevokeAsync(string name, CancellationToken cancellationToken);

    /// <summary>When each key that was ever used was last used.</summary>
    Task<IReadOnlyList<ApiKeyUse>> ListUsesAsync(CancellationToken cancellationToken);

    /// <summary>Records uses in one transaction; a use older than the one recorded changes nothing.</summary>
    Task RecordUsesAsync(IReadOnlyCollection<ApiKeyUse> uses, CancellationToken cancellationToken);
}

/// <summary>A key as the database keeps it.</summary>
/// <param name="Name">Unique; what links record as their creator.</param>
/// <param name="Role"><c>admin</c> or <c>author</c>.</param>
/// <param name="KeyHash">The SHA-256 of the key, 64 lowercase hex digits; never the key itself.</param>
/// <param name="CreatedAt">UTC.</param>
internal sealed record StoredApiKey(string Name, string Role, string KeyHash, DateTime CreatedAt);

/// <summary>When the key named <paramref name="Name"/> was last used, UTC.</summary>
internal sealed record ApiKeyUse(string Name, DateTime LastUsedAt);
