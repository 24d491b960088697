using System.Data.Common;
using Dapper;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// Migration 0009 deploys while the release before it still serves: the links it wrote before are indexed by the
/// migration, and what it creates, edits, tags, renames and deletes afterwards, with its own frozen statements, is
/// what this build's search finds. (The compatibility check proves its statements still run; this proves the index
/// stays right under them.)
/// </summary>
public abstract class SearchIndexChecks(StoreDialect dialect)
{
    private const int SearchVersion = 9;

    [Fact]
    public async Task TheSearchFindsWhatTheReleaseBeforeWritesBeforeAndDuringTheDeploy()
    {
        var migrations = dialect.MigrationsOfThisBuild();
        var before = StatementSnapshot.LoadAll(dialect).Last(s => s.SchemaVersion < SearchVersion);
        using var database = dialect.CreateDatabase();
        await database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
        foreach (var migration in migrations.Where(m => m.Version <= before.SchemaVersion))
        {
            await database.Store.MigrationHistory.ApplyMigrationAsync(migration, TestContext.Timeout);
        }

        await using var connection = database.Open();
        var old = await InsertAsync(connection, before, 1, "written-before", "https://example.com/untouched-before", "Old title", ["oldtag"]);
        var edited = await InsertAsync(connection, before, 2, "edited-later", "https://example.com/target-before-edit", null, []);
        var deleted = await InsertAsync(connection, before, 3, "deleted-later", "https://example.com/gone-soon", null, []);

        foreach (var migration in migrations.Where(m => m.Version > before.SchemaVersion))
        {
            await database.Store.MigrationHistory.ApplyMigrationAsync(migration, TestContext.Timeout);
        }

        var during = await InsertAsync(connection, before, 4, "written-during", "https://example.com/created-during", "Rollout title", ["duringtag"]);
        await RunAsync(connection, before, "Update", 5, ("Code", "edited-later"), ("Url", "https://example.com/target-after-edit"),
            ("Title", "Edited title"), ("ExpiresAt", null), ("MaxClicks", null), ("PasswordHash", null));
        await RunAsync(connection, before, "Delete", 6, ("DeletedCode", "deleted-later"));
        var oldTag = await connection.ExecuteScalarAsync<long>("SELECT id FROM tags WHERE name = 'oldtag'");
        await RunAsync(connection, before, "RenameTag", 7, ("TagId", oldTag), ("NewName", "renamedtag"));

        Assert.Equal(["written-before"], await FindAsync(database, "untouched-bef"));
        Assert.Equal(["written-before"], await FindAsync(database, "old tit"));
        Assert.Equal(["written-before"], await FindAsync(database, "renamedtag"));
        Assert.Empty(await FindAsync(database, "oldtag"));
        Assert.Equal(["edited-later"], await FindAsync(database, "target-after"));
        Assert.Equal(["edited-later"], await FindAsync(database, "edited tit"));
        Assert.Empty(await FindAsync(database, "target-before"));
        Assert.Empty(await FindAsync(database, "gone-soon"));
        Assert.Empty(await FindAsync(database, "deleted-lat"));
        Assert.Equal(["written-during"], await FindAsync(database, "created-during"));
        Assert.Equal(["written-during"], await FindAsync(database, "rollout"));
        Assert.Equal(["written-during"], await FindAsync(database, "duringt"));
        Assert.Equal(["written-during", "edited-later", "written-before"], await FindAsync(database, "example.com"));
        Assert.NotEqual(old, during);
        Assert.NotEqual(edited, deleted);
    }

    private static async Task<List<string>> FindAsync(IScratchDatabase database, string text)
    {
        var page = await database.Store.Search.SearchAsync(
            new LinkQuery(text, [], false, LinkSorts.Newest, 0, 100, null, SeesProtectedLinks: true), TestContext.Timeout);
        Assert.Equal(page.Items.Count, page.Total);
        return page.Items.Select(link => link.Code).ToList();
    }

    /// <summary>A link written by <paramref name="release"/>'s own statements: the insert, then its tags.</summary>
    private async Task<long> InsertAsync(
        DbConnection connection, StatementSnapshot release, int row, string code, string url, string? title, string[] tags)
    {
        var id = await connection.QueryFirstAsync<long>(Statement(release, "Insert"), Parameters(release, "Insert", row,
            ("Code", code), ("Url", url), ("Title", title), ("ExpiresAt", null), ("MaxClicks", null), ("PasswordHash", null)));
        if (tags.Length > 0)
        {
            object names = dialect == StoreDialect.Sqlite ? "[" + string.Join(',', tags.Select(t => $"\"{t}\"")) + "]" : tags;
            await RunAsync(connection, release, "AddTags", row, ("Tags", names));
            await RunAsync(connection, release, "TagLink", row, ("UrlId", id), ("Tags", names));
        }

        return id;
    }

    private static async Task RunAsync(DbConnection connection, StatementSnapshot release, string name, int row, params (string Name, object? Value)[] values) =>
        await connection.ExecuteAsync(Statement(release, name), Parameters(release, name, row, values));

    private static string Statement(StatementSnapshot release, string name) => release.Statements.Single(s => s.Name == name).Sql;

    private static DynamicParameters Parameters(StatementSnapshot release, string name, int row, params (string Name, object? Value)[] values)
    {
        var parameters = SampleParameters.For(release.Statements.Single(s => s.Name == name), row, release.Dialect);
        foreach (var (parameter, value) in values)
        {
            parameters.Add(parameter, value);
        }

        return parameters;
    }
}

[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class KeepingTheSearchIndexCurrent() : SearchIndexChecks(StoreDialect.Sqlite);

[Trait(OnlyOn.Trait, OnlyOn.Postgres)]
public sealed class KeepingTheSearchIndexCurrentOnPostgres() : SearchIndexChecks(StoreDialect.Postgres);
