using System.Data.Common;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ShortUrl.Tests.Portability;

/// <summary>
/// An import commits every accepted row or none. The database refuses a row far into the file (a trigger, which fails
/// the insert as a full disk would), and the answer must say truthfully that nothing was imported.
/// </summary>
public sealed class ImportingAllOrNothing
{
    private const string RefusedUrl = "https://example.com/refused-by-the-database";
    private const int Rows = 2000;

    [Fact]
    public async Task WhenTheDatabaseRefusesARowMidImportNothingIsImportedAndTheAnswerIs503SayingSo()
    {
        using var factory = ShortUrlFactory.WithSettings(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));
        var client = factory.CreateClient().WithKey(TestKeys.Admin);
        var before = await factory.CountStoredLinksAsync();
        RefuseInserts(factory);

        var response = await client.PostImportAsync(FileWithRefusedRow("aon-first"), "text/csv");

        var problem = await ProblemAssert.IsProblemAsync(response, 503);
        Assert.Contains("nothing was imported", problem.GetProperty("detail").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 says when to try again");
        Assert.Equal(before, await factory.CountStoredLinksAsync());
        Assert.Equal(404, (int)(await client.GetAsync("/aon-first")).StatusCode);
    }

    [Fact]
    public async Task RetryingTheFileOnceTheDatabaseTakesWritesCreatesEachLinkOnce()
    {
        using var factory = ShortUrlFactory.WithSettings(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));
        var client = factory.CreateClient().WithKey(TestKeys.Admin);
        var before = await factory.CountStoredLinksAsync();
        RefuseInserts(factory);
        var file = FileWithRefusedRow("aon-retried");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostImportAsync(file, "text/csv")).StatusCode);
        AcceptInserts(factory);

        var report = await client.ImportAsync(file, "text/csv");

        Assert.Equal(Rows, report.GetProperty("created").GetInt32());
        Assert.Equal(before + Rows, await factory.CountStoredLinksAsync());
        Assert.Equal(302, (int)(await client.GetAsync("/aon-retried")).StatusCode);
    }

    /// <summary>A file of <see cref="Rows"/> links, the first with an alias, the rest with generated codes, one three quarters in refused.</summary>
    private static string FileWithRefusedRow(string firstAlias)
    {
        var file = new StringBuilder("url,alias\n").Append($"https://example.com/aon/0,{firstAlias}\n");
        for (var i = 1; i < Rows; i++)
        {
            file.Append(i == Rows * 3 / 4 ? RefusedUrl : $"https://example.com/aon/{i}").Append(",\n");
        }

        return file.ToString();
    }

    /// <summary>
    /// Makes the database fail every insert of <see cref="RefusedUrl"/>, as a full disk fails a write, until
    /// <see cref="AcceptInserts"/>. The trigger reads the URL from a table, so that accepting changes a row and not the
    /// schema: SQLite can fail the next insert on a connection whose schema went stale ("no such table", as FTS5's search
    /// table fails to connect).
    /// </summary>
    private static void RefuseInserts(ShortUrlFactory factory) => Execute(
        factory,
        (factory.Postgres is null ? SqliteRefusal : PostgresRefusal) + $"INSERT INTO refused_urls (url) VALUES ('{RefusedUrl}');");

    private static void AcceptInserts(ShortUrlFactory factory) => Execute(factory, "DELETE FROM refused_urls");

    private static void Execute(ShortUrlFactory factory, string sql)
    {
        using var connection = factory.Postgres is { } postgres ? (DbConnection)postgres.Open() : OpenSqlite(factory.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection OpenSqlite(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        return connection;
    }

    private const string SqliteRefusal = """
        CREATE TABLE IF NOT EXISTS refused_urls (url TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS refuse_insert BEFORE INSERT ON urls WHEN NEW.url IN (SELECT url FROM refused_urls)
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
        """;

    private const string PostgresRefusal = """
        CREATE TABLE IF NOT EXISTS refused_urls (url text NOT NULL);
        CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.url IN (SELECT url FROM refused_urls) THEN
                RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';
            END IF;
            RETURN NEW;
        END $$;
        CREATE OR REPLACE TRIGGER refuse_insert BEFORE INSERT ON urls FOR EACH ROW EXECUTE FUNCTION refuse_insert();
        """;
}
