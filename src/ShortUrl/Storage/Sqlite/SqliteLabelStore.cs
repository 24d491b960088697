using Dapper;

namespace ShortUrl.Storage.Sqlite;

/// <summary>Tags and titles in SQLite: counts on a connection of their own, changes on the writer, each in one transaction.</summary>
internal sealed class SqliteLabelStore(SqliteDatabase database) : ILabelStore
{
    private readonly DapperTagCounts _counts = new(database.OpenAsync, SqliteStatements.TagCounts);

    public Task<IReadOnlyList<TagCount>> TagsAsync(string? createdBy, bool withProtected, CancellationToken cancellationToken) =>
        _counts.TagsAsync(createdBy, withProtected, cancellationToken);

    public Task<(TagEdit Outcome, TagCount? Tag)> RenameTagAsync(string tag, string name, CancellationToken cancellationToken) =>
        database.WriteAsync((tag, name), static (pooled, rename) =>
        {
            var connection = pooled.Connection;
            using var transaction = connection.BeginTransaction();
            if (connection.ExecuteScalar<long?>(SqliteStatements.FindUsedTag, new { TagName = rename.tag }, transaction) is not { } id)
            {
                return (TagEdit.NotFound, null);
            }

            if (rename.name != rename.tag)
            {
                if (connection.ExecuteScalar<long?>(SqliteStatements.FindUsedTag, new { TagName = rename.name }, transaction) is not null)
                {
                    return (TagEdit.NameTaken, null);
                }

                connection.Execute(SharedSql.ForgetUnusedTag, new { TagName = rename.name }, transaction);
                connection.Execute(SharedSql.RenameTag, new { NewName = rename.name, TagId = id }, transaction);
            }

            var renamed = connection.QuerySingle<TagCount>(SqliteStatements.TagCount, new { TagName = rename.name }, transaction);
            transaction.Commit();
            return (TagEdit.Done, (TagCount?)renamed);
        }, cancellationToken);

    public Task<TagEdit> DeleteTagAsync(string tag, CancellationToken cancellationToken) =>
        database.WriteAsync(tag, static (pooled, tag) =>
        {
            var connection = pooled.Connection;
            using var transaction = connection.BeginTransaction();
            if (connection.ExecuteScalar<long?>(SqliteStatements.FindUsedTag, new { TagName = tag }, transaction) is not { } id)
            {
                return TagEdit.NotFound;
            }

            connection.Execute(SharedSql.UntagAll, new { TagId = id }, transaction);
            connection.Execute(SharedSql.DeleteTag, new { TagId = id }, transaction);
            transaction.Commit();
            return TagEdit.Done;
        }, cancellationToken);

    public Task<bool> FillTitleAsync(string code, string url, string title, CancellationToken cancellationToken) =>
        database.WriteAsync((code, url, title), static (connection, fill) =>
            connection.Prepared(SharedSql.FillTitle)
                .Bind("@Code", fill.code).Bind("@Url", fill.url).Bind("@Title", fill.title).ExecuteNonQuery() > 0,
            cancellationToken);
}
