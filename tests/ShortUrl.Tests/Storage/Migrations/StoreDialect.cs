using System.Data.Common;
using System.Globalization;
using ShortUrl.Storage;
using ShortUrl.Storage.Migrations;
using ShortUrl.Storage.Postgres;
using ShortUrl.Storage.Sqlite;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// A database the service supports, as the migration tests see it: its store's statements, its migrations folder, its
/// statement snapshots (<c>Snapshots/{Name}/</c>) and a scratch database to replay them on.
/// </summary>
public sealed class StoreDialect
{
    public static readonly StoreDialect Sqlite = new(
        "sqlite", nameof(SqliteStatements), typeof(SqliteStatements), "migrations", () => new MigrationDatabase(),
        // SQLite keeps times as ISO 8601 text.
        row => StoredTime.ToText(SampleTime(row)));

    public static readonly StoreDialect Postgres = new(
        "postgres", nameof(PostgresStatements), typeof(PostgresStatements), "migrations/postgres", () => new PostgresScratchDatabase(),
        row => SampleTime(row));

    private readonly Func<IScratchDatabase> _createDatabase;
    private readonly Func<int, object> _sampleTime;

    private StoreDialect(
        string name, string storeName, Type statements, string migrationsFolder, Func<IScratchDatabase> createDatabase, Func<int, object> sampleTime)
    {
        Name = name;
        StoreName = storeName;
        Statements = statements;
        MigrationsFolder = migrationsFolder;
        _createDatabase = createDatabase;
        _sampleTime = sampleTime;
    }

    /// <summary>The folder name of its snapshots, for example <c>sqlite</c>.</summary>
    public string Name { get; }

    public string StoreName { get; }

    /// <summary>The store's statement class, whose constants are every statement it runs.</summary>
    public Type Statements { get; }

    /// <summary>Its migrations, from the repository root.</summary>
    public string MigrationsFolder { get; }

    /// <summary>The migrations this build ships for this database, read from the repository so a new file counts at once.</summary>
    internal IReadOnlyList<Migration> MigrationsOfThisBuild() =>
        Migration.LoadFolder(Path.Combine(PublishedApp.RepositoryRoot(), MigrationsFolder));

    /// <summary>A new, empty database with the service's store over it.</summary>
    internal IScratchDatabase CreateDatabase() => _createDatabase();

    /// <summary>A time parameter of sample row <paramref name="row"/>, as the store passes times to this database.</summary>
    public object SampleTimeOf(int row) => _sampleTime(row);

    public override string ToString() => Name;

    private static DateTime SampleTime(int row) => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(row);
}

/// <summary>An empty database of a test's own, with the service's store over it; gone on dispose.</summary>
internal interface IScratchDatabase : IDisposable
{
    StorageEngine Store { get; }

    DbConnection Open();
}

/// <summary>A database of its own on the test run's PostgreSQL server, with the service's store over it.</summary>
internal sealed class PostgresScratchDatabase : IScratchDatabase
{
    private readonly PostgresTestDatabase _database = TestPostgres.CreateDatabase();
    private readonly StorageEngine _store;

    public PostgresScratchDatabase()
    {
        _store = PostgresStorage.Open(_database.ConnectionString);
    }

    public StorageEngine Store => _store;

    public string ConnectionString => _database.ConnectionString;

    public DbConnection Open() => _database.Open();

    public void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
    }
}
