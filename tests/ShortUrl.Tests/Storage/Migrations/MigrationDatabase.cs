using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ShortUrl.Hosting;
using ShortUrl.Storage;
using ShortUrl.Storage.Migrations;
using ShortUrl.Storage.Sqlite;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// A private SQLite file in its own folder, with the service's real store and migration runner over it; the folder is
/// deleted on dispose. Tests of the schema use it without starting the whole service.
/// </summary>
internal sealed class MigrationDatabase : IScratchDatabase
{
    public MigrationDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("shorturl-migrations-").FullName;
        DatabasePath = Path.Combine(Folder, "shorturl.db");
        Store = SqliteStorage.Open($"Data Source={DatabasePath}", Folder);
    }

    /// <summary>The folder holding the database; tests may put migration folders of their own in it.</summary>
    public string Folder { get; }

    public string DatabasePath { get; }

    public StorageEngine Store { get; }

    internal CollectingLogger<MigrationRunner> Log { get; } = new();

    /// <summary>The runner as the service builds it, over this database (or another store of it); content root is <see cref="Folder"/>.</summary>
    internal MigrationRunner CreateRunner(IMigrationHistory? store = null) => new(
        store ?? Store.MigrationHistory, Options.Create(new ShortUrlOptions()), new HostingEnvironment { ContentRootPath = Folder }, Log);

    /// <summary>Applies <paramref name="migrations"/> the way the runner does, one transaction each.</summary>
    internal Task<int> MigrateAsync(IEnumerable<Migration> migrations) =>
        CreateRunner().MigrateAsync(migrations.ToList(), TestContext.Timeout);

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        return connection;
    }

    DbConnection IScratchDatabase.Open() => Open();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The repository's <c>migrations/</c> and the tests' own migration files.</summary>
internal static class MigrationFiles
{
    /// <summary>This folder of the test project, in the source tree, where the snapshots and test-only migrations live.</summary>
    public static string TestFolder => Path.Combine(PublishedApp.RepositoryRoot(), "tests", "ShortUrl.Tests", "Storage", "Migrations");

    /// <summary>The SQLite migrations this build ships, read from the repository so a new file counts at once.</summary>
    public static IReadOnlyList<Migration> OfThisBuild() => StoreDialect.Sqlite.MigrationsOfThisBuild();

    /// <summary>
    /// A test-only migration (a path under this folder) given <paramref name="version"/>: its file has no number, so it
    /// never needs renumbering when real migrations are added.
    /// </summary>
    public static Migration TestOnly(string testFile, int version) =>
        Migration.FromSql(version, Path.GetFileNameWithoutExtension(testFile), File.ReadAllText(Path.Combine(TestFolder, testFile)));

    /// <summary>Writes <paramref name="migrations"/> as NNNN_name.sql files into a new folder under <paramref name="parent"/>.</summary>
    public static string WriteFolder(string parent, IEnumerable<Migration> migrations)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, $"migrations-{Guid.NewGuid():N}")).FullName;
        foreach (var migration in migrations)
        {
            File.WriteAllText(Path.Combine(folder, migration.FileName), migration.Sql);
        }

        return folder;
    }
}
