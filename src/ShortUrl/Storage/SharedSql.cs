namespace ShortUrl.Storage;

/// <summary>
/// The statements both dialects run word for word. Each dialect's statement class names them again, so that the frozen
/// snapshots of each hold every statement it runs.
/// </summary>
internal static class SharedSql
{
    public const string Insert = """
        INSERT INTO urls (code, url, created_at, expires_at, max_clicks, password_hash)
        VALUES (@Code, @Url, @CreatedAt, @ExpiresAt, @MaxClicks, @PasswordHash)
        ON CONFLICT (code) DO NOTHING
        RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
        """;

    public const string CountLinks = "SELECT count(*) FROM urls";

    public const string Delete = "DELETE FROM urls WHERE code = @DeletedCode";

    public const string Ping = "SELECT 1";

    public const string ReadMigrationHistory = """
        SELECT version AS Version, name AS Name, checksum AS Checksum, applied_at AS AppliedAt
        FROM schema_migrations ORDER BY version
        """;

    public const string IsMigrationApplied = "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version";

    public const string RecordMigration = """
        INSERT INTO schema_migrations (version, name, checksum, applied_at)
        VALUES (@Version, @Name, @Checksum, @AppliedAt)
        """;
}
