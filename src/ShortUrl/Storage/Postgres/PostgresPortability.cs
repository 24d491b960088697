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
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, string? createdBy, CancellationToken cancellationToken)
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
                        ExpiresAt = StoredTime.ToMilliseconds(link.Rules.ExpiresAt), link.Rules.MaxClicks, link.Rules.PasswordHash,
                        CreatedBy = createdBy, link.Labels?.Title, link.Rules.ForwardQuery, link.Rules.RedirectRules,
                    },
                    transaction,
                    cancellationToken: cancellationToken));
                if (inserted is not null)
                {
                    break;
                }
            }

            if (inserted is not null && link.Labels is { Tags.Count: > 0 } labels)
            {
                await PostgresLinkTags.WriteAsync(connection, transaction, inserted.Id, labels.Tags, replace: false, cancellationToken);
                inserted = inserted with { Tags = [.. labels.Tags] };
            }

            created.Add(inserted);
        }

        // A failure before here leaves the transaction to its disposal, which rolls every row back.
        await transaction.CommitAsync(cancellationToken);
        return created;
    }
}
