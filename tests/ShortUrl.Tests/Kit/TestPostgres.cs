using Npgsql;

namespace ShortUrl.Tests.Kit;

/// <summary>
/// The PostgreSQL server of this test run, when there is one: <c>tests/with-postgres.sh</c> (which <c>./test.sh</c> uses for
/// its PostgreSQL pass) starts a throwaway server and puts its connection string in <see cref="Variable"/>.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "SHORTURL_TEST_POSTGRES";

    /// <summary>True in the PostgreSQL pass: every <see cref="ShortUrlFactory"/> then runs on a database of its own there.</summary>
    public static bool IsRunning => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable));

    /// <summary>A new, empty database on the test server, dropped on dispose.</summary>
    public static PostgresTestDatabase CreateDatabase()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(server))
        {
            throw new InvalidOperationException(
                $"This test needs a PostgreSQL server and {Variable} is not set. Run ./test.sh, or "
                + "tests/with-postgres.sh dotnet test tests/ShortUrl.Tests -c Release --filter \"Database!=Sqlite&Database!=Once\"");
        }

        var name = $"shorturl_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new PostgresTestDatabase(server, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, name);
    }
}

/// <summary>One test's own database on the test server.</summary>
public sealed class PostgresTestDatabase(string serverConnectionString, string connectionString, string name) : IDisposable
{
    /// <summary>The connection string of this database, as the service takes it in <c>ConnectionStrings:ShortUrl</c>.</summary>
    public string ConnectionString { get; } = connectionString;

    public string Name { get; } = name;

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Drops the database, closing whatever connections are still open on it.</summary>
    public void Drop()
    {
        using var connection = new NpgsqlConnection(serverConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    public void Dispose() => Drop();
}

/// <summary>
/// Which pass of <c>./test.sh</c> runs a test. Tests without this trait exercise the store and run in both: once on SQLite, once on PostgreSQL.
/// </summary>
public static class OnlyOn
{
    public const string Trait = "Database";

    /// <summary>Tests of SQLite itself (its file, its statements, its migrations): run in the SQLite pass only.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Tests of PostgreSQL itself: run in the PostgreSQL pass only, where the test server exists.</summary>
    public const string Postgres = "Postgres";

    /// <summary>
    /// Tests that no database can change: pure units and the inputs refused before any store is asked. They run in the
    /// SQLite pass only, since running them again on PostgreSQL would prove nothing new.
    /// </summary>
    public const string Once = "Once";
}
