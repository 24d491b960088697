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
    /// The command for <paramref name="sql"/>, created on first use with one parameter per name (set their values by
    /// name, with <see cref="SqliteCommandParameters.Bind"/>). SQLite compiles it on its first run and keeps it compiled
    /// for the next.
    /// </summary>
    public SqliteCommand Prepared(string sql, params ReadOnlySpan<string> parameterNames)
    {
        if (_prepared.TryGetValue(sql, out var command))
        {
            return command;
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

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
    /// <summary>Sets the value of the parameter named <paramref name="name"/>; null is SQL's NULL. Throws for a name the command lacks.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        command.Parameters[name].Value = value ?? DBNull.Value;
        return command;
    }
}
