using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// Open SQLite connections kept for reuse. Each is configured once, when it is opened, and keeps its prepared
/// statements, so a query pays for neither the per-connection pragmas nor parsing its SQL again.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, string configureSql, int maxIdle) : IDisposable
{
    private readonly ConcurrentQueue<PooledSqliteConnection> _idle = new();
    private volatile bool _disposed;

    public PooledSqliteConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryDequeue(out var connection) ? connection : Open();
    }

    /// <summary>Gives <paramref name="connection"/> back; pass <c>broken: true</c> after a failure to close it instead.</summary>
    public void Return(PooledSqliteConnection connection, bool broken = false)
    {
        if (broken || _disposed || _idle.Count >= maxIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Enqueue(connection);
        if (_disposed)
        {
            CloseIdle();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryDequeue(out var connection))
        {
            connection.Dispose();
        }
    }

    private PooledSqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var configure = connection.CreateCommand();
            configure.CommandText = configureSql;
            configure.ExecuteNonQuery();
            return new PooledSqliteConnection(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

/// <summary>One connection of a <see cref="SqliteConnectionPool"/>, with the statements prepared on it so far.</summary>
internal sealed class PooledSqliteConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>
    /// The command for <paramref name="sql"/>, created on first use; its parameters are set by name, with
    /// <see cref="SqliteCommandParameters.Bind"/>. SQLite compiles it on its first run and keeps it compiled for the next.
    /// </summary>
    public SqliteCommand Prepared(string sql)
    {
        if (_prepared.TryGetValue(sql, out var command))
        {
            return command;
        }

        command = connection.CreateCommand();
        command.CommandText = sql;

        _prepared[sql] = command;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}

internal static class SqliteCommandParameters
{
    /// <summary>
    /// Sets the parameter named <paramref name="name"/> (added on the command's first use); null is SQL's NULL. A prepared
    /// command keeps its values from one use to the next, so each use binds every parameter its statement names.
    /// </summary>
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        var index = command.Parameters.IndexOf(name);
        if (index < 0)
        {
            command.Parameters.Add(new SqliteParameter(name, value ?? DBNull.Value));
        }
        else
        {
            command.Parameters[index].Value = value ?? DBNull.Value;
        }

        return command;
    }
}
