
namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// Proves that the backward-compatibility check can fail: each migration in <c>Incompatible/</c> breaks the release
/// before it, and the check must say which statement of which release breaks, and the database's reason.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class CatchingIncompatibleMigrations
{
    [Theory]
    [InlineData("Incompatible/drop_a_column_the_previous_release_reads.sql", "FindByCode", "no such column: max_clicks")]
    [InlineData("Incompatible/drop_a_column_the_previous_release_reads.sql", "Insert", "table urls has no column named max_clicks")]
    [InlineData("Incompatible/rename_a_table_the_previous_release_reads.sql", "Recent", "no such table: urls")]
    [InlineData("Incompatible/add_a_not_null_column_without_a_default.sql", "Insert", "NOT NULL constraint failed: urls.owner")]
    public async Task TheCheckRejectsAMigrationThatBreaksThePreviousRelease(string file, string statement, string reason)
    {
        var failures = await DeployOntoTheNewestReleaseAsync(file);

        var failure = Assert.Single(failures, f => f.StartsWith($"Statement {statement} of {StatementSnapshot.LoadAll(StoreDialect.Sqlite)[^1].Release} fails on schema"));
        Assert.Contains(Path.GetFileName(file), failure);
        Assert.Contains(reason, failure);
        Assert.Contains("docs/migrations.md", StayingBackwardCompatible.Explain(failures));
    }

    [Fact]
    public async Task TheCheckRejectsANotNullColumnThatCannotBeAddedToATableWithRows()
    {
        var failures = await DeployOntoTheNewestReleaseAsync("Incompatible/add_a_not_null_column_without_a_default_in_place.sql");

        var failure = Assert.Single(failures);
        Assert.Contains("add_a_not_null_column_without_a_default_in_place.sql fails on a database holding rows that release v", failure);
        Assert.Contains("Cannot add a NOT NULL column with default value NULL", failure);
    }

    [Fact]
    public async Task TheCheckAcceptsAnAdditiveMigration()
    {
        Assert.Empty(await DeployOntoTheNewestReleaseAsync("Future/add_a_column_and_a_table.sql"));
    }

    /// <summary>
    /// The check's deploy of a test-only migration onto the newest snapshotted release, whose statements the next
    /// release keeps; migrations of this working copy that are not released yet stay out of it.
    /// </summary>
    private static Task<IReadOnlyList<string>> DeployOntoTheNewestReleaseAsync(string testFile)
    {
        var newest = StatementSnapshot.LoadAll(StoreDialect.Sqlite)[^1];
        var next = MigrationFiles.TestOnly(testFile, newest.SchemaVersion + 1);
        var migrations = MigrationFiles.OfThisBuild().Where(m => m.Version <= newest.SchemaVersion).Append(next).ToList();
        return CompatibilityCheck.DeployAsync(newest, new StatementSnapshot(StoreDialect.Sqlite, next.Version, "the next release", newest.Statements), migrations);
    }
}
