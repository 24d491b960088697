using ShortUrl.Storage.Migrations;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// The backward-compatibility checks of <see cref="StayingBackwardCompatible"/> over the PostgreSQL store: its own
/// migrations (<c>migrations/postgres/</c>), its own snapshots (<c>Snapshots/postgres/</c>), replayed on a real server.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Postgres)]
public sealed class StayingBackwardCompatibleOnPostgres() : BackwardCompatibilityChecks(StoreDialect.Postgres)
{
    /// <summary>The schema version each deploy brings, oldest first.</summary>
    public static TheoryData<int> Deploys() => DeploysOf(StoreDialect.Postgres);

    [Theory]
    [MemberData(nameof(Deploys))]
    public Task TheReleaseBeforeKeepsWorkingOnEachNewSchema(int schemaVersion) => CheckDeployAsync(schemaVersion);

    [Fact]
    public async Task TheCheckRejectsDroppingAColumnThePreviousReleaseReads()
    {
        var (release, migration, failures) = await DeployingAfterTheNewestSnapshotAsync("drop_url", "ALTER TABLE urls DROP COLUMN url;");

        var failure = Assert.Single(failures, f => f.StartsWith($"Statement FindByCode of {release} fails on schema"));
        Assert.Contains(migration.FileName, failure);
        Assert.Contains("column \"url\" does not exist", failure);
    }

    [Fact]
    public async Task TheCheckRejectsANewRequiredColumnInATableTheReleaseCopiesInto()
    {
        var (release, migration, failures) =
            await DeployingAfterTheNewestSnapshotAsync("require_a_source", "ALTER TABLE visit_log ADD COLUMN source text NOT NULL;");

        var failure = Assert.Single(failures, f => f.StartsWith($"Statement CopyVisitRows of {release} fails on schema"));
        Assert.Contains(migration.FileName, failure);
        Assert.Contains("\"source\"", failure);
    }

    /// <summary>The check's failures when the next release, the newest snapshot's statements, brings one more migration.</summary>
    private async Task<(string Release, Migration Migration, IReadOnlyList<string> Failures)> DeployingAfterTheNewestSnapshotAsync(
        string name, string sql)
    {
        var newest = StatementSnapshot.LoadAll(Dialect)[^1];
        var migrations = Dialect.MigrationsOfThisBuild().Where(m => m.Version <= newest.SchemaVersion).ToList();
        var next = Migration.FromSql(newest.SchemaVersion + 1, name, sql);
        var failures = await CompatibilityCheck.DeployAsync(
            newest, new StatementSnapshot(Dialect, next.Version, "the next release", newest.Statements), [.. migrations, next]);
        return (newest.Release, next, failures);
    }
}
