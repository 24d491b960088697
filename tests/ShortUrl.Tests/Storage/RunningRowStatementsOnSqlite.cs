using Microsoft.Data.Sqlite;
using ShortUrl.Storage.Sqlite;

namespace ShortUrl.Tests.Storage;

/// <summary>
/// The click writer's rows go to SQLite through <see cref="SqliteRowStatement"/>, beside Microsoft.Data.Sqlite rather than
/// through it: what it binds must arrive as a command would bind it, and a failure must reach the writer as SQLite's own.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class RunningRowStatementsOnSqlite : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public RunningRowStatementsOnSqlite()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE rows (number INTEGER NOT NULL, word TEXT NOT NULL, maybe TEXT, flag INTEGER NOT NULL)";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void EachRunAddsTheRowItsValuesMake()
    {
        using (var insert = Insert())
        {
            var (number, word, maybe, flag) = Parameters(insert);
            insert.Bind(number, long.MaxValue).Bind(word, "").Bind(maybe, null).Bind(flag, true).Run();
            insert.Bind(number, -7).Bind(word, "héllo wörld ✓").Bind(maybe, new string('x', 1000)).Bind(flag, false).Run();
        }

        Assert.Equal(
            [$"{long.MaxValue}||NULL|1", $"-7|héllo wörld ✓|{new string('x', 1000)}|0"],
            Rows());
    }

    [Fact]
    public void ARunThatBreaksAConstraintThrowsSqlitesErrorAndTheNextRunStillWorks()
    {
        using var insert = Insert();
        var (number, word, maybe, flag) = Parameters(insert);

        var error = Assert.Throws<SqliteException>(() => insert.Bind(number, 1).Bind(word, null).Bind(maybe, "a").Bind(flag, false).Run());
        insert.Bind(number, 2).Bind(word, "kept").Bind(maybe, "b").Bind(flag, false).Run();

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(["2|kept|b|0"], Rows());
    }

    [Fact]
    public void AParameterTheStatementDoesNotNameIsRefused()
    {
        using var insert = Insert();

        Assert.Throws<ArgumentException>(() => insert.Parameter("@Missing"));
    }

    public void Dispose() => _connection.Dispose();

    private SqliteRowStatement Insert() =>
        new(_connection, "INSERT INTO rows (number, word, maybe, flag) VALUES (@Number, @Word, @Maybe, @Flag)");

    private static (int Number, int Word, int Maybe, int Flag) Parameters(SqliteRowStatement insert) =>
        (insert.Parameter("@Number"), insert.Parameter("@Word"), insert.Parameter("@Maybe"), insert.Parameter("@Flag"));

    private List<string> Rows()
    {
        using var select = _connection.CreateCommand();
        select.CommandText = "SELECT number, word, coalesce(maybe, 'NULL'), flag FROM rows ORDER BY rowid";
        using var reader = select.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetInt64(0)}|{reader.GetString(1)}|{reader.GetString(2)}|{reader.GetInt64(3)}");
        }

        return rows;
    }
}
