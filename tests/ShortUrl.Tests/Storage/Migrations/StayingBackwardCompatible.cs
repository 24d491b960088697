
namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// The release that is serving while a deploy runs its migrations must keep working on the new schema: these tests
/// replay every release's frozen SQLite statements on the schema of the release after it (see docs/migrations.md).
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class StayingBackwardCompatible() : BackwardCompatibilityChecks(StoreDialect.Sqlite)
{
    /// <summary>The schema version each deploy brings, oldest first.</summary>
    public static TheoryData<int> Deploys() => DeploysOf(StoreDialect.Sqlite);

    [Theory]
    [MemberData(nameof(Deploys))]
    public Task TheReleaseBeforeKeepsWorkingOnEachNewSchema(int schemaVersion) => CheckDeployAsync(schemaVersion);
}

/// <summary>
/// The same checks for every database the service supports, each over its own migrations and snapshots; a subclass per
/// database runs them (see <see cref="StayingBackwardCompatible"/>).
/// </summary>
public abstract class BackwardCompatibilityChecks(StoreDialect dialect)
{
    protected StoreDialect Dialect { get; } = dialect;

    /// <summary>Writes this database's newest snapshot from its store; needs no database server.</summary>
    private string WriteCommand => $"{StatementSnapshot.WriteVariable}=1 dotnet test tests/ShortUrl.Tests -c Release "
        + $"--filter FullyQualifiedName~{GetType().Name}.{nameof(TheNewestSnapshotHoldsExactlyTheStatementsOfThisBuild)}";

    /// <summary>The schema version each deploy brings on <paramref name="dialect"/>, oldest first.</summary>
    protected static TheoryData<int> DeploysOf(StoreDialect dialect) =>
        new(CompatibilityCheck.Deploys(dialect, StatementSnapshot.LoadAll(dialect), dialect.MigrationsOfThisBuild()).Select(d => d.After.SchemaVersion));

    [Fact]
    public void TheNewestSnapshotHoldsExactlyTheStatementsOfThisBuild()
    {
        var migrations = Dialect.MigrationsOfThisBuild();
        var newest = migrations[^1];
        var thisBuild = StatementSnapshot.OfThisBuild(Dialect, newest.Version);
        var folder = StatementSnapshot.Folder(Dialect);
        var path = Path.Combine(folder, StatementSnapshot.FileName(newest.Version));
        if (Environment.GetEnvironmentVariable(StatementSnapshot.WriteVariable) == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, thisBuild.ToFileText());
        }

        Assert.True(File.Exists(path),
            $"No snapshot of the statements for schema version {newest.Version:D4} (this build's newest migration is {newest.FileName}). "
            + $"Write {StatementSnapshot.DisplayPath(Dialect, newest.Version)} from the store with:\n    {WriteCommand}");
        var differences = thisBuild.DifferencesFrom(StatementSnapshot.Load(Dialect, path));
        Assert.True(differences.Count == 0,
            $"The store's SQL differs from {StatementSnapshot.DisplayPath(Dialect, newest.Version)}: {string.Join(", ", differences)}. "
            + $"The newest snapshot holds what this build runs; rewrite it with:\n    {WriteCommand}\n"
            + "(Only the newest one: the older snapshots are what released code runs, and they are frozen. See docs/migrations.md.)");
    }

    [Fact]
    public void EverySnapshotBelongsToAMigrationOfThisBuild()
    {
        var versions = Dialect.MigrationsOfThisBuild().Select(m => m.Version).ToHashSet();

        var orphans = StatementSnapshot.LoadAll(Dialect).Where(s => !versions.Contains(s.SchemaVersion)).Select(s => s.Release).ToList();

        Assert.True(orphans.Count == 0, $"Snapshots without a migration of that version: {string.Join(", ", orphans)}.");
    }

    /// <summary>The deploy that brings <paramref name="schemaVersion"/>: the release before it must keep working on it.</summary>
    protected async Task CheckDeployAsync(int schemaVersion)
    {
        var migrations = Dialect.MigrationsOfThisBuild();
        var (before, after) = CompatibilityCheck.Deploys(Dialect, StatementSnapshot.LoadAll(Dialect), migrations)
            .Single(d => d.After.SchemaVersion == schemaVersion);

        var failures = await CompatibilityCheck.DeployAsync(before, after, migrations);

        Assert.True(failures.Count == 0, Explain(failures));
    }

    /// <summary>The failure message of the check: which statement of which release breaks, and why.</summary>
    public static string Explain(IReadOnlyList<string> failures) =>
        "A migration breaks a release that is still serving while it is deployed:\n"
        + string.Join('\n', failures.Select(f => "  - " + f))
        + "\nKeep the old schema working for one more release (expand now, contract in a later release): see docs/migrations.md.";
}
