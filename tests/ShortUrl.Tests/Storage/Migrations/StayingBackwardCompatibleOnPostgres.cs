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
        var newest = StatementSnapshot.LoadAll(Dialect)[^1];
        var migrations = Dialect.MigrationsOfThisBuild().Where(m => m.Version <= newest.SchemaVersion).ToList();
        var dropUrl = Migration.FromSql(newest.SchemaVersion + 1, "drop_url", "ALTER TABLE urls DROP COLUMN url;");

        var failures = await CompatibilityCheck.DeployAsync(
            newest, new StatementSnapshot(Dialect, dropUrl.Version, "the next release", newest.Statements), [.. migrations, dropUrl]);

        var failure = Assert.Single(failures, f => f.StartsWith($"Statement FindByCode of {newest.Release} fails on schema"));
        Assert.Contains(dropUrl.FileName, failure);
        Assert.Contains("column \"url\" does not exist", failure);
    }

    [Fact]
    public async Task TheCheckRejectsANewRequiredColumnInATableTheReleaseCopiesInto()
    {
        var newest = StatementSnapshot.LoadAll(Dialect)[^1];
        var migrations = Dialect.MigrationsOfThisBuild().Where(m => m.Version <= newest.SchemaVersion).ToList();
        var requireSource = Migration.FromSql(newest.SchemaVersion + 1, "require_a_source", "ALTER TABLE visit_log ADD COLUMN source text NOT NULL;");

        var failures = await CompatibilityCheck.DeployAsync(
            newest, new StatementSnapshot(Dialect, requireSource.Version, "the next release", newest.Statements), [.. migrations, requireSource]);

        var failure = Assert.Single(failures, f => f.StartsWith($"Statement CopyVisitRows of {newest.Release} fails on schema"));
        Assert.Contains(requireSource.FileName, failure);
        Assert.Contains("\"source\"", failure);
    }
}
