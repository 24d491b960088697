using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using ShortUrl.Storage.Migrations;
using ShortUrl.Storage;
using ShortUrl.Storage.Sqlite;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>The runner over its own database, with migration files each test writes into the content root's <c>migrations/</c>.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class RunningMigrations : IDisposable
{
    private const string CreateA = "CREATE TABLE a (id INTEGER PRIMARY KEY);";
    private const string AlterA = "ALTER TABLE a ADD COLUMN b TEXT;";
    private const string CreateC = "CREATE TABLE c (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));";

    private readonly MigrationDatabase _database = new();

    private string MigrationsFolder => Path.Combine(_database.Folder, "migrations");

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task MigrationsAreAppliedInVersionOrderAndEachIsRecorded()
    {
        // Written newest first, and each depends on the one before: any other order fails.
        Write("0010_create_c.sql", CreateC);
        Write("0002_alter_a.sql", AlterA);
        Write("0001_create_a.sql", CreateA);

        await _database.CreateRunner().StartAsync(TestContext.Timeout);

        var history = await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
        Assert.Equal([1L, 2L, 10L], history.Select(h => h.Version));
        Assert.Equal(["create_a", "alter_a", "create_c"], history.Select(h => h.Name));
        Assert.Equal(new[] { CreateA, AlterA, CreateC }.Select(Migration.ChecksumOf), history.Select(h => h.Checksum));
        Assert.All(history, h => Assert.InRange(
            DateTime.Parse(h.AppliedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            DateTime.UtcNow.AddMinutes(-5),
            DateTime.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task ASecondStartChangesNothing()
    {
        Write("0001_create_a.sql", CreateA);
        Write("0002_alter_a.sql", AlterA);
        var migrations = Migration.LoadFolder(MigrationsFolder);
        Assert.Equal(2, await _database.CreateRunner().MigrateAsync(migrations, TestContext.Timeout));
        var first = await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);

        var applied = await _database.CreateRunner().MigrateAsync(migrations, TestContext.Timeout);

        Assert.Equal(0, applied);
        Assert.Equal(first, await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout));
    }

    [Fact]
    public async Task AnAppliedMigrationThatWasEditedStopsTheStartNamingTheFile()
    {
        Write("0001_create_a.sql", CreateA);
        await _database.CreateRunner().StartAsync(TestContext.Timeout);
        Write("0001_create_a.sql", CreateA + "\nCREATE INDEX ix_a ON a (id);");
        Write("0002_alter_a.sql", AlterA);

        var error = await Assert.ThrowsAsync<MigrationException>(() => _database.CreateRunner().StartAsync(TestContext.Timeout));

        Assert.Contains("0001_create_a.sql changed after it was applied", error.Message);
        Assert.Contains("restore the file and add a new migration", error.Message);
        Assert.Single(await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout));
    }

    [Fact]
    public async Task AnAppliedMigrationCheckedOutWithOtherLineEndingsIsNotAnEdit()
    {
        Write("0001_create_a.sql", "CREATE TABLE a (\n    id INTEGER PRIMARY KEY\n);\n");
        await _database.CreateRunner().StartAsync(TestContext.Timeout);
        Write("0001_create_a.sql", "CREATE TABLE a (\r\n    id INTEGER PRIMARY KEY\r\n);\r\n");

        Assert.Equal(0, await _database.CreateRunner().MigrateAsync(Migration.LoadFolder(MigrationsFolder), TestContext.Timeout));
    }

    [Fact]
    public async Task MigrationsFromANewerReleaseAreNamedInAWarningAndLeftInPlace()
    {
        Write("0001_create_a.sql", CreateA);
        Write("0002_alter_a.sql", AlterA);
        Write("0003_create_c.sql", CreateC);
        await _database.CreateRunner().StartAsync(TestContext.Timeout);
        File.Delete(Path.Combine(MigrationsFolder, "0002_alter_a.sql"));
        File.Delete(Path.Combine(MigrationsFolder, "0003_create_c.sql"));

        await _database.CreateRunner().StartAsync(TestContext.Timeout);

        var warning = Assert.Single(_database.Log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("0002_alter_a, 0003_create_c", warning.Message);
        Assert.Equal(3, (await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout)).Count);
        using var connection = _database.Open();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(b) FROM a"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM c"));
    }

    [Fact]
    public async Task AMigrationWhoseSqlFailsLeavesNothingOfItAndStopsTheStartNamingTheFile()
    {
        Write("0001_create_a.sql", CreateA);
        Write("0002_half_done.sql", "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => _database.CreateRunner().StartAsync(TestContext.Timeout));

        Assert.Contains("0002_half_done.sql failed, so none of it was applied", error.Message);
        Assert.Contains("no such table: no_such_table", error.Message);
        Assert.Equal([1L], (await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout)).Select(h => h.Version));
        using var connection = _database.Open();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
    }

    [Fact]
    public async Task AMigrationFixedAfterItFailedIsAppliedOnTheNextStart()
    {
        Write("0001_half_done.sql", "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);");
        await Assert.ThrowsAsync<MigrationException>(() => _database.CreateRunner().StartAsync(TestContext.Timeout));
        Write("0001_half_done.sql", "CREATE TABLE half_done (id INTEGER);");

        await _database.CreateRunner().StartAsync(TestContext.Timeout);

        Assert.Equal("half_done", Assert.Single(await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout)).Name);
    }

    [Fact]
    public async Task AMigrationNumberedBelowTheNewestAppliedOneStopsTheStart()
    {
        Write("0001_create_a.sql", CreateA);
        Write("0003_create_c.sql", CreateC);
        await _database.CreateRunner().StartAsync(TestContext.Timeout);
        Write("0002_alter_a.sql", AlterA);

        var error = await Assert.ThrowsAsync<MigrationException>(() => _database.CreateRunner().StartAsync(TestContext.Timeout));

        Assert.Contains("0002_alter_a.sql is not applied, but the database already has the later 0003_create_c", error.Message);
        Assert.Equal(2, (await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout)).Count);
    }

    [Fact]
    public async Task AnEmptyMigrationsFolderStopsTheStart()
    {
        Directory.CreateDirectory(MigrationsFolder);

        var error = await Assert.ThrowsAsync<MigrationException>(() => _database.CreateRunner().StartAsync(TestContext.Timeout));

        Assert.Contains("has no NNNN_name.sql files", error.Message);
    }

    [Fact]
    public async Task ManyRunnersStartingAtOnceOnAFreshDatabaseApplyEachMigrationExactlyOnce()
    {
        var migrations = MigrationFiles.OfThisBuild();
        var runners = SeparateStores(8).Select(store => _database.CreateRunner(store.MigrationHistory)).ToList();

        var applied = await Task.WhenAll(runners.Select(r => Task.Run(() => r.MigrateAsync(migrations, TestContext.Timeout))));

        Assert.Equal(migrations.Count, applied.Sum());
        var history = await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
        Assert.Equal(migrations.Select(m => (long)m.Version), history.Select(h => h.Version));
    }

    [Fact]
    public async Task ProcessesThatAllSawAnEmptyHistoryStillApplyEachMigrationExactlyOnce()
    {
        // The race the runner cannot avoid by looking first: every process has read the history before any applies.
        var stores = SeparateStores(8);
        foreach (var store in stores)
        {
            Assert.Empty(await store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout));
        }

        foreach (var migration in MigrationFiles.OfThisBuild())
        {
            var applied = await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrationHistory.ApplyMigrationAsync(migration, TestContext.Timeout))));

            Assert.Single(applied, wasApplied => wasApplied);
        }
    }

    /// <summary>Stores of this database, each with its own connections, as separate processes have.</summary>
    private List<StorageEngine> SeparateStores(int count) =>
        Enumerable.Range(0, count).Select(_ => SqliteStorage.Open($"Data Source={_database.DatabasePath}", _database.Folder)).ToList();

    private void Write(string file, string sql)
    {
        Directory.CreateDirectory(MigrationsFolder);
        File.WriteAllText(Path.Combine(MigrationsFolder, file), sql);
    }
}
