using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// A statement run once per row of a large batch straight through SQLite's C API (SQLitePCL.raw, which
/// Microsoft.Data.Sqlite is built on). A run binds numbers as they are and text through one reused UTF-8 buffer, and
/// allocates nothing; a <see cref="SqliteCommand"/> run makes a data reader, boxes every number and copies every string
/// to a new UTF-8 array. The click writer puts a row in the visit log for each visit, so that is paid per redirect.
/// Parameters are named in the SQL and looked up by name once.
/// </summary>
/// <remarks>It runs on the connection's open transaction, as a command would; dispose it before the connection.</remarks>
internal sealed class SqliteRowStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private byte[] _text = new byte[256];

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, sql, out _statement), _database);
    }

    /// <summary>The position of the parameter named <paramref name="name"/> (with its <c>@</c>), for the binds.</summary>
    public int Parameter(string name)
    {
        var position = raw.sqlite3_bind_parameter_index(_statement, name);
        return position > 0 ? position : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    public SqliteRowStatement Bind(int parameter, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, parameter, value));
        return this;
    }

    public SqliteRowStatement Bind(int parameter, bool value) => Bind(parameter, value ? 1L : 0L);

    /// <summary>Binds <paramref name="value"/> as text, or NULL for null; SQLite keeps a copy, so the buffer is free for the next.</summary>
    public SqliteRowStatement Bind(int parameter, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, parameter));
            return this;
        }

        var longest = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (longest > _text.Length)
        {
            _text = new byte[longest];
        }

        Check(raw.sqlite3_bind_text(_statement, parameter, _text.AsSpan(0, Encoding.UTF8.GetBytes(value, _text))));
        return this;
    }

    /// <summary>Runs the statement with the values bound, and makes it ready for the next row's.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(_statement);
        try
        {
            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
