using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ShortUrl.Hosting;

/// <summary>
/// A database that cannot answer for a while — down, locked, read-only or full — told apart from a bug, in words an
/// operator acts on. What is not recognised stays a fault of the service (a 500), never dressed up as a wait.
/// </summary>
/// <param name="Cause">What is wrong, as a sentence.</param>
/// <param name="RetryAfterSeconds">How long a client should wait: a lock passes in moments, a full disk needs a person.</param>
internal sealed record DatabaseFault(string Cause, int RetryAfterSeconds)
{
    private const int Soon = 2;
    private const int Later = 30;

    /// <returns>The fault behind <paramref name="exception"/> (or one it wraps), or null when it is not one of these.</returns>
    public static DatabaseFault? Of(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            var fault = e switch
            {
                SqliteException sqlite => OfSqlite(sqlite.SqliteErrorCode),
                PostgresException postgres => OfPostgres(postgres.SqlState),
                NpgsqlException { IsTransient: true } => new("The PostgreSQL server cannot be reached or did not answer in time.", Soon),
                // With several hosts in the connection string, Npgsql skips a host it saw fail for Host Recheck Seconds;
                // with all of them skipped it fails without trying one, and so without a network error inside.
                NpgsqlException { InnerException: null } npgsql when npgsql is not PostgresException
                    && npgsql.Message.StartsWith("No suitable host", StringComparison.Ordinal)
                    => new("No PostgreSQL server of the connection string can be reached.", Soon),
                _ => null,
            };
            if (fault is not null)
            {
                return fault;
            }
        }

        return null;
    }

    // Result codes from https://sqlite.org/rescode.html (the primary code, without its extended bits).
    private static DatabaseFault? OfSqlite(int code) => code switch
    {
        5 or 6 => new("The SQLite database is locked by another writer.", Soon),
        8 => new("The SQLite database file is read-only (its permissions, its folder's, or a read-only file system).", Later),
        // A write refused by the file system (an immutable file, a disk remounted read-only) comes back as an I/O error too.
        10 => new("The disk under the SQLite database reported an input/output error (a full, failing or read-only disk).", Later),
        13 => new("The disk under the SQLite database is full.", Later),
        14 => new("The SQLite database file cannot be opened.", Later),
        _ => null,
    };

    // SQLSTATE codes from https://www.postgresql.org/docs/current/errcodes-appendix.html.
    private static DatabaseFault? OfPostgres(string state) => state switch
    {
        "53100" => new("The PostgreSQL server's disk is full.", Later),
        "25006" => new("The PostgreSQL server is read-only (a standby, or a failover still under way).", Soon),
        "57P01" or "57P02" or "57P03" => new("The PostgreSQL server is shutting down or starting up.", Soon),
        "53300" => new("The PostgreSQL server has too many connections.", Soon),
        "40001" or "40P01" or "55P03" => new("The PostgreSQL database is busy with conflicting writes.", Soon),
        _ when state.StartsWith("08", StringComparison.Ordinal) => new("The connection to the PostgreSQL server was lost.", Soon),
        _ when state.StartsWith("53", StringComparison.Ordinal) => new("The PostgreSQL server is out of resources.", Later),
        _ => null,
    };
}
