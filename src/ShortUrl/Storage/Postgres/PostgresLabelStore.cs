using System.Data.Common;
using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>
/// Tags and titles in PostgreSQL. A rename or delete locks the tag's row first, so two of them on one tag take turns; a
/// rename that races another to the same new name meets the unique index and is told the name is taken.
/// </summary>
internal sealed class PostgresLabelStore(NpgsqlDataSource dataSource) : ILabelStore
{
    private readonly DapperTagCounts _counts = new(((DbDataSource)dataSource).OpenConnectionAsync, PostgresStatements.TagCounts);

    public Task<IReadOnlyList<TagCount>> TagsAsync(string? createdBy, bool withProtected, CancellationToken cancellationToken) =>
        _counts.TagsAsync(createdBy, withProtected, cancellationToken);

    public async Task<(TagEdit Outcome, TagCount? Tag)> RenameTagAsync(string tag, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await UsedTagAsync(connection, transaction, tag, cancellationToken) is not { } id)
        {
            return (TagEdit.NotFound, null);
        }

        if (name != tag)
        {
            if (await UsedTagAsync(connection, transaction, name, cancellationToken) is not null)
            {
                return (TagEdit.NameTaken, null);
            }

            try
            {
                await ExecuteAsync(connection, transaction, SharedSql.ForgetUnusedTag, new { TagName = name }, cancellationToken);
                await ExecuteAsync(connection, transaction, SharedSql.RenameTag, new { NewName = name, TagId = id }, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return (TagEdit.NameTaken, null);
            }
        }

        var renamed = await connection.QuerySingleAsync<TagCount>(new CommandDefinition(
            PostgresStatements.TagCount, new { TagName = name }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (TagEdit.Done, renamed);
    }

    public async Task<TagEdit> DeleteTagAsync(string tag, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await UsedTagAsync(connection, transaction, tag, cancellationToken) is not { } id)
        {
            return TagEdit.NotFound;
        }

        await ExecuteAsync(connection, transaction, SharedSql.UntagAll, new { TagId = id }, cancellationToken);
        await ExecuteAsync(connection, transaction, SharedSql.DeleteTag, new { TagId = id }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TagEdit.Done;
    }

    public async Task<bool> FillTitleAsync(string code, string url, string title, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            SharedSql.FillTitle, new { Code = code, Url = url, Title = title }, cancellationToken: cancellationToken)) > 0;
    }

    private static Task<long?> UsedTagAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tag, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            PostgresStatements.FindUsedTag, new { TagName = tag }, transaction, cancellationToken: cancellationToken));

    private static Task<int> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}
