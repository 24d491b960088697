using ShortUrl.Data;

namespace ShortUrl.Tests.Migrations;

/// <summary>
/// The release that is serving while a deploy runs its migrations must keep working on the new schema: these tests
/// replay every release's frozen statements on the schema of the release after it (see docs/migrations.md).
/// </summary>
public sealed class BackwardCompatibilityTests
{
    private const string WriteCommand =
        $"{StatementSnapshot.WriteVariable}=1 dotnet test tests/ShortUrl.Tests -c Release --filter FullyQualifiedName~BackwardCompatibilityTests";

    /// <summary>The schema version each deploy brings, oldest first.</summary>
    public static TheoryData<int> Deploys() =>
        new(CompatibilityCheck.Deploys(StatementSnapshot.LoadAll(), MigrationFiles.OfThisBuild()).Select(d => d.After.SchemaVersion));

    [Fact]
    public void TheNewestSnapshotHoldsExactlyTheStatementsOfThisBuild()
    {
        var migrations = MigrationFiles.OfThisBuild();
        var newest = migrations[^1];
        var thisBuild = StatementSnapshot.OfThisBuild(newest.Version);
        var path = Path.Combine(StatementSnapshot.Folder, StatementSnapshot.FileName(newest.Version));
        if (Environment.GetEnvironmentVariable(StatementSnapshot.WriteVariable) == "1")
        {
            Directory.CreateDirectory(StatementSnapshot.Folder);
            File.WriteAllText(path, thisBuild.ToFileText());
        }

        Assert.True(File.Exists(path),
            $"No snapshot of the statements for schema version {newest.Version:D4} (this build's newest migration is {newest.FileName}). "
            + $"Write {StatementSnapshot.DisplayPath(newest.Version)} from the store with:\n    {WriteCommand}");
        var differences = thisBuild.DifferencesFrom(StatementSnapshot.Load(path));
        Assert.True(differences.Count == 0,
            $"The store's SQL differs from {StatementSnapshot.DisplayPath(newest.Version)}: {string.Join(", ", differences)}. "
            + $"The newest snapshot holds what this build runs; rewrite it with:\n    {WriteCommand}\n"
            + "(Only the newest one: the older snapshots are what released code runs, and they are frozen. See docs/migrations.md.)");
    }

    [Fact]
    public void EverySnapshotBelongsToAMigrationOfThisBuild()
    {
        var versions = MigrationFiles.OfThisBuild().Select(m => m.Version).ToHashSet();

        var orphans = StatementSnapshot.LoadAll().Where(s => !versions.Contains(s.SchemaVersion)).Select(s => s.Release).ToList();

        Assert.True(orphans.Count == 0, $"Snapshots without a migration of that version: {string.Join(", ", orphans)}.");
    }

    [Theory]
    [MemberData(nameof(Deploys))]
    public async Task TheReleaseBeforeKeepsWorkingOnEachNewSchema(int schemaVersion)
    {
        var migrations = MigrationFiles.OfThisBuild();
        var (before, after) = CompatibilityCheck.Deploys(StatementSnapshot.LoadAll(), migrations).Single(d => d.After.SchemaVersion == schemaVersion);

        var failures = await CompatibilityCheck.DeployAsync(before, after, migrations);

        Assert.True(failures.Count == 0, Explain(failures));
    }

    /// <summary>The failure message of the check: which statement of which release breaks, and why.</summary>
    public static string Explain(IReadOnlyList<string> failures) =>
        "A migration breaks a release that is still serving while it is deployed:\n"
        + string.Join('\n', failures.Select(f => "  - " + f))
        + "\nKeep the old schema working for one more release (expand now, contract in a later release): see docs/migrations.md.";
}
