using System.Data.Common;
using Dapper;
using Npgsql;
using ShortUrl.Storage.Migrations;
namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// Replays frozen statements on migrated databases: the proof that deploying a schema never breaks the release that is
/// still serving while the new one rolls out.
/// </summary>
internal static class CompatibilityCheck
{
    /// <summary>Sample rows the older release writes before the deploy.</summary>
    private const int SampleRows = 3;

    /// <summary>
    /// Every deploy to check, as (the release serving before it, the release it brings): each snapshot after the one
    /// before it, then this build after the newest snapshot when this build has migrations no snapshot knows yet.
    /// </summary>
    public static IEnumerable<(StatementSnapshot? Before, StatementSnapshot After)> Deploys(
        StoreDialect dialect, IReadOnlyList<StatementSnapshot> snapshots, IReadOnlyList<Migration> migrations)
    {
        for (var i = 0; i < snapshots.Count; i++)
        {
            yield return (i == 0 ? null : snapshots[i - 1], snapshots[i]);
        }

        var newest = migrations[^1].Version;
        if (snapshots.Count == 0 || snapshots[^1].SchemaVersion < newest)
        {
            yield return (snapshots.LastOrDefault(), StatementSnapshot.OfThisBuild(dialect, newest));
        }
    }

    /// <summary>
    /// One deploy, as it happens in production: a database at <paramref name="before"/>'s schema, holding rows that
    /// release's own statements wrote, is migrated to <paramref name="after"/>'s schema; then the statements of both
    /// releases run on it, as they do while the rollout is half done.
    /// </summary>
    /// <param name="before">The release serving before the deploy; null for the very first release.</param>
    /// <returns>Every failure, each naming the statement, its release and the database's error; empty when compatible.</returns>
    public static async Task<IReadOnlyList<string>> DeployAsync(
        StatementSnapshot? before, StatementSnapshot after, IReadOnlyList<Migration> migrations)
    {
        using var database = after.Dialect.CreateDatabase();
        var serving = before ?? after;
        await database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
        if (await TryMigrateAsync(database, migrations.Where(m => m.Version <= serving.SchemaVersion), "a new database") is { } failed)
        {
            return [failed];
        }

        await using var connection = database.Open();
        var failures = new List<string>();
        var schema = SchemaName(migrations, serving.SchemaVersion);
        for (var sampleRow = 1; sampleRow <= SampleRows; sampleRow++)
        {
            failures.AddRange(await RunAsync(connection, serving, sampleRow, schema));
        }

        if (failures.Count > 0)
        {
            return failures;
        }

        var deploy = migrations.Where(m => m.Version > serving.SchemaVersion && m.Version <= after.SchemaVersion);
        if (await TryMigrateAsync(database, deploy, $"a database holding rows that {serving.Release} wrote") is { } deployFailed)
        {
            return [deployFailed];
        }

        schema = SchemaName(migrations, after.SchemaVersion);
        var row = SampleRows;
        foreach (var release in new[] { before, after }.OfType<StatementSnapshot>())
        {
            failures.AddRange(await RunAsync(connection, release, ++row, schema));
        }

        return failures;
    }

    private static async Task<string?> TryMigrateAsync(IScratchDatabase database, IEnumerable<Migration> migrations, string onto)
    {
        foreach (var migration in migrations)
        {
            try
            {
                await database.Store.MigrationHistory.ApplyMigrationAsync(migration, TestContext.Timeout);
            }
            catch (DbException e)
            {
                return $"Migration {migration.FileName} fails on {onto}: {e.Message}";
            }
        }

        return null;
    }

    /// <summary>Runs every statement of <paramref name="release"/> with sample row <paramref name="row"/>, reading all it returns.</summary>
    private static async Task<List<string>> RunAsync(DbConnection connection, StatementSnapshot release, int row, string schema)
    {
        var failures = new List<string>();
        foreach (var statement in release.Statements)
        {
            try
            {
                if (statement.Sql.StartsWith("COPY ", StringComparison.Ordinal))
                {
                    await CopySampleRowAsync((NpgsqlConnection)connection, statement.Sql);
                    continue;
                }

                await using var reader = await connection.ExecuteReaderAsync(statement.Sql, SampleParameters.For(statement, row, release.Dialect));
                do
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }
                while (await reader.NextResultAsync());
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                failures.Add($"Statement {statement.Name} of {release.Release} fails on {schema}: {e.Message}\n"
                    + string.Join('\n', statement.Sql.Split('\n').Select(line => "        " + line)));
            }
        }

        return failures;
    }

    /// <summary>
    /// A PostgreSQL COPY into its columns, of one row with "1" in each (in text, which the server reads as a number or
    /// as text, the types of the columns copied): the table must still take the release's rows, so a column it has
    /// dropped or a new NOT NULL column without a default fails here.
    /// </summary>
    private static async Task CopySampleRowAsync(NpgsqlConnection connection, string sql)
    {
        var columns = sql[(sql.IndexOf('(') + 1)..sql.IndexOf(')')].Split(',').Length;
        await using var rows = await connection.BeginTextImportAsync(sql.Replace(" (FORMAT BINARY)", "", StringComparison.Ordinal));
        await rows.WriteLineAsync(string.Join('\t', Enumerable.Repeat("1", columns)));
    }

    /// <summary>For example <c>schema 0002 (after 0002_add_expiry.sql)</c>.</summary>
    private static string SchemaName(IReadOnlyList<Migration> migrations, int version) =>
        $"schema {version:D4} (after {migrations.Last(m => m.Version <= version).FileName})";
}
