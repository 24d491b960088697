using System.Globalization;
using Dapper;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ShortUrl.Hosting;
using ShortUrl.Storage.Migrations;
using ShortUrl.Storage.Postgres;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// What the PostgreSQL store adds to the runner (whose rules <see cref="RunningMigrations"/> covers): the advisory
/// lock that lets many instances start together, and transactional DDL.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Postgres)]
public sealed class MigratingOnPostgres : IDisposable
{
    private readonly PostgresScratchDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task InstancesThatAllSawAnEmptyHistoryStillApplyEachMigrationExactlyOnce()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => PostgresStorage.Open(_database.ConnectionString)).ToList();
        try
        {
            // All at once, so that they also race to create the history table itself.
            var histories = await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout))));
            Assert.All(histories, Assert.Empty);

            foreach (var migration in StoreDialect.Postgres.MigrationsOfThisBuild())
            {
                var applied = await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrationHistory.ApplyMigrationAsync(migration, TestContext.Timeout))));

                Assert.Single(applied, wasApplied => wasApplied);
            }
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task EachMigrationIsRecordedWithItsChecksumAndTheTimeItWasApplied()
    {
        var migrations = StoreDialect.Postgres.MigrationsOfThisBuild();

        Assert.Equal(migrations.Count, await CreateRunner().MigrateAsync(migrations, TestContext.Timeout));
        Assert.Equal(0, await CreateRunner().MigrateAsync(migrations, TestContext.Timeout));

        var history = await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
        Assert.Equal(migrations.Select(m => (long)m.Version), history.Select(h => h.Version));
        Assert.Equal(migrations.Select(m => m.Name), history.Select(h => h.Name));
        Assert.Equal(migrations.Select(m => m.Checksum), history.Select(h => h.Checksum));
        Assert.All(history, h => Assert.InRange(
            DateTime.Parse(h.AppliedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            DateTime.UtcNow.AddMinutes(-5),
            DateTime.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task AMigrationWhoseSqlFailsLeavesNothingOfItAndNamesTheFile()
    {
        var halfDone = Migration.FromSql(1, "half_done", "CREATE TABLE half_done (id integer);\nINSERT INTO no_such_table VALUES (1);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => CreateRunner().MigrateAsync([halfDone], TestContext.Timeout));

        Assert.Contains("0001_half_done.sql failed, so none of it was applied", error.Message);
        Assert.Contains("relation \"no_such_table\" does not exist", error.Message);
        Assert.Empty(await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout));
        await using var connection = _database.Open();
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('half_done')::text"));
    }

    private MigrationRunner CreateRunner() => new(
        _database.Store.MigrationHistory,
        Options.Create(new ShortUrlOptions { Database = "Postgres" }),
        new HostingEnvironment { ContentRootPath = Path.GetTempPath() },
        new CollectingLogger<MigrationRunner>());
}
