using System.Data.Common;
using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>Export on a pooled connection; import in one transaction.</summary>
internal sealed class PostgresPortability(NpgsqlDataSource dataSource) : ILinkPortability
{
    private readonly DapperLinkExport _export = new(((DbDataSource)dataSource).OpenConnectionAsync, PostgresStatements.Export, PostgresStatements.ExportByCreator);

    public IAsyncEnumerable<ExportedLink> ExportAsync(string? createdBy, CancellationToken cancellationToken) =>
        _export.ExportAsync(createdBy, cancellationToken);

    public async Task<IReadOnlyList<Link?>> ImportAsync(
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = new List<Link?>(links.Count);
        var time = StoredTime.ToMilliseconds(createdAt);
        foreach (var link in links)
        {
            Link? inserted = null;
            foreach (var code in ImportCodes.For(link, newCode))
            {
                inserted = await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(
                    PostgresStatements.Insert,
                    new
                    {
                        Code = code, link.Url, CreatedAt = time,
                        // Imported links have no rules: no expiry, no click limit, no password.
                        ExpiresAt = (DateTime?)null, MaxClicks = (long?)null, PasswordHash = (string?)null, CreatedBy = (string?)null,
                    },
                    transaction,
                    cancellationToken: cancellationToken));
                if (inserted is not null)
                {
                    break;
                }
            }

            created.Add(inserted);
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }
}
