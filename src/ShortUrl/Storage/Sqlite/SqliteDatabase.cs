using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// One SQLite file and the connections to it: a pool of readers, one writer behind a gate, and plain connections for
/// Dapper's reads. Every write of this process goes through <see cref="WriteAsync{TState, T}"/> or
/// <see cref="ExclusiveAsync{TState, T}"/>.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnectionPool _readers;

    // One connection, behind _writeGate: this process's writes queue here rather than in SQLite's busy handler, which
    // sleeps in steps of milliseconds.
    private readonly SqliteConnectionPool _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private long _writesStarted;

    /// <exception cref="ArgumentException">The connection string is not one Microsoft.Data.Sqlite understands.</exception>
    public SqliteDatabase(string connectionString, string contentRoot)
    {
        // Microsoft.Data.Sqlite retries a statement SQLite's busy handler gave up on until its command timeout (30 s by
        // default) has passed since the statement started: with a second, it never retries past the busy timeout.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 1 };
        if (builder.Mode is not SqliteOpenMode.Memory && builder.DataSource.Length > 0 && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        DatabasePath = builder.DataSource;
        _connectionString = builder.ToString();
        builder.Pooling = false;
        // Reads run on the request's thread, so there are about as many at once as the thread pool has threads.
        _readers = new SqliteConnectionPool(builder.ToString(), SqliteStatements.OpenConnection, maxIdle: 16);
        _writer = new SqliteConnectionPool(builder.ToString(), SqliteStatements.OpenWriter, maxIdle: 1);
    }

    /// <summary>How many writes of this process have started: a background writer that sees others come yields to them.</summary>
    public long WritesStarted => Interlocked.Read(ref _writesStarted);

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Runs <paramref name="query"/> on a reader connection, on the caller's thread.</summary>
    public T Read<TState, T>(TState state, Func<PooledSqliteConnection, TState, T> query) => Use(_readers, state, query);

    /// <summary>Runs <paramref name="write"/> on the writer connection, once this process's earlier writes are done.</summary>
    public Task<T> WriteAsync<TState, T>(TState state, Func<PooledSqliteConnection, TState, T> write, CancellationToken cancellationToken) =>
        ExclusiveAsync((database: this, state, write), static work => work.database.Write(work.state, work.write), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> while no other write of this process can; it may call <see cref="Write{TState, T}"/>
    /// any number of times, each on a writer connection of its own if the one before failed.
    /// </summary>
    public async Task<T> ExclusiveAsync<TState, T>(TState state, Func<TState, T> work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writesStarted);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return work(state);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="write"/> on the writer connection; only inside <see cref="ExclusiveAsync{TState, T}"/>.</summary>
    public T Write<TState, T>(TState state, Func<PooledSqliteConnection, TState, T> write) => Use(_writer, state, write);

    /// <summary>A connection of its own, for Dapper: neither the readers' nor the writer's.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenSqliteAsync(cancellationToken);

    public async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per connection: how long to wait for another process's write, and when to sync.
            await connection.ExecuteAsync(SqliteStatements.OpenConnection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        _readers.Dispose();
        _writer.Dispose();
        _writeGate.Dispose();
    }

    private static T Use<TState, T>(SqliteConnectionPool pool, TState state, Func<PooledSqliteConnection, TState, T> work)
    {
        var connection = pool.Rent();
        T result;
        try
        {
            result = work(connection, state);
        }
        catch
        {
            // Whatever went wrong may have left the connection or its statements in a bad state: start afresh.
            pool.Return(connection, broken: true);
            throw;
        }

        pool.Return(connection);
        return result;
    }
}
