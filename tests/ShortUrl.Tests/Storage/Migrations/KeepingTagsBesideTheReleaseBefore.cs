using Dapper;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// Migration 0008 beside the release before it (schema 0007), beyond what replaying its statements shows: that release
/// knows nothing of tags, yet a link it deletes takes its tags along, and a link it creates (on SQLite, possibly with the
/// id of the one it deleted) starts with no title and no tags.
/// </summary>
public abstract class KeepingTagsBesideTheReleaseBefore(StoreDialect dialect)
{
    [Fact]
    public async Task ALinkTheReleaseBeforeDeletesTakesItsTagsAndTheNextLinkHasNone()
    {
        using var database = dialect.CreateDatabase();
        await database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
        foreach (var migration in dialect.MigrationsOfThisBuild())
        {
            await database.Store.MigrationHistory.ApplyMigrationAsync(migration, TestContext.Timeout);
        }

        await database.Store.Links.TryCreateAsync(
            "tagged", "https://example.com/tagged", DateTime.UtcNow, LinkRules.None, null, new LinkLabels("Tagged", ["left-behind"]), TestContext.Timeout);
        var before = StatementSnapshot.LoadAll(dialect).Single(s => s.SchemaVersion == 7);
        await using var connection = database.Open();

        await connection.ExecuteAsync(Statement(before, "Delete").Sql, new { DeletedCode = "tagged" });
        var insert = Statement(before, "Insert");
        await connection.ExecuteAsync(insert.Sql, SampleParameters.For(insert, 1, dialect));

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM link_tags"));
        Assert.Empty(await database.Store.Labels.TagsAsync(null, withProtected: true, TestContext.Timeout));
        var created = await database.Store.Links.FindAsync("sample1", TestContext.Timeout);
        Assert.NotNull(created);
        Assert.Null(created.Title);
        Assert.Empty(created.Tags ?? []);
    }

    private static Statement Statement(StatementSnapshot release, string name) => release.Statements.Single(s => s.Name == name);
}

[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class KeepingTagsBesideTheReleaseBeforeOnSqlite() : KeepingTagsBesideTheReleaseBefore(StoreDialect.Sqlite);

[Trait(OnlyOn.Trait, OnlyOn.Postgres)]
public sealed class KeepingTagsBesideTheReleaseBeforeOnPostgres() : KeepingTagsBesideTheReleaseBefore(StoreDialect.Postgres);
