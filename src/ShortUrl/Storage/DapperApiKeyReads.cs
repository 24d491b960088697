using Dapper;

namespace ShortUrl.Storage;

/// <summary>The reads of the key tables, the same for both engines but for how each returns a time.</summary>
internal sealed class DapperApiKeyReads(OpenConnection open, string listKeysSql, string listUsesSql)
{
    public async Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(listKeysSql, cancellationToken: cancellationToken));
        return rows.Select(row => new StoredApiKey(row.Name, row.Role, row.KeyHash, TimeOf(row.CreatedAt))).ToList();
    }

    public async Task<IReadOnlyList<ApiKeyUse>> ListUsesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var rows = await connection.QueryAsync<UseRow>(new CommandDefinition(listUsesSql, cancellationToken: cancellationToken));
        return rows.Select(row => new ApiKeyUse(row.Name, TimeOf(row.LastUsedAt))).ToList();
    }

    /// <summary>SQLite gives a time as text, PostgreSQL as a timestamptz.</summary>
    private static DateTime TimeOf(object value) =>
        value is string text ? StoredTime.Parse(text) : DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc);

    private sealed class KeyRow
    {
        public string Name { get; set; } = "";

        public string Role { get; set; } = "";

        public string KeyHash { get; set; } = "";

        public object CreatedAt { get; set; } = "";
    }

    private sealed class UseRow
    {
        public string Name { get; set; } = "";

        public object LastUsedAt { get; set; } = "";
    }
}
