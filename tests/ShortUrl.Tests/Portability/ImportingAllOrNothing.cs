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
        RefuseInserts(factory, RefusedUrl);

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
        RefuseInserts(factory, RefusedUrl);
        var file = FileWithRefusedRow("aon-retried");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostImportAsync(file, "text/csv")).StatusCode);
        RefuseInserts(factory, null);

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
    /// Makes the database fail every insert of <paramref name="url"/>, as a full disk fails a write; null lifts it. The
    /// trigger is created once and reads the refused URL from a table: lifting the refusal changes a row, not the schema,
    /// so the service's connections do not meet a schema change on the write that must succeed. (SQLite can fail a
    /// statement prepared on a connection whose schema went stale while it touches the FTS5 search table: "no such table".)
    /// </summary>
    private static void RefuseInserts(ShortUrlFactory factory, string? url)
    {
        var refuse = url is null
            ? "DELETE FROM refused_urls"
            : $"INSERT INTO refused_urls (url) VALUES ('{url}')";
        if (factory.Postgres is { } postgres)
        {
            using var connection = postgres.Open();
            using var command = connection.CreateCommand();
            command.CommandText = url is null
                ? refuse
                : $"""
                  CREATE TABLE IF NOT EXISTS refused_urls (url text NOT NULL);
                  CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN
                      IF NEW.url IN (SELECT url FROM refused_urls) THEN
                          RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';
                      END IF;
                      RETURN NEW;
                  END $$;
                  CREATE OR REPLACE TRIGGER refuse_insert BEFORE INSERT ON urls FOR EACH ROW EXECUTE FUNCTION refuse_insert();
                  {refuse};
                  """;
            command.ExecuteNonQuery();
            return;
        }

        using var sqlite = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=false");
        sqlite.Open();
        using var statement = sqlite.CreateCommand();
        statement.CommandText = url is null
            ? refuse
            : $"""
              CREATE TABLE IF NOT EXISTS refused_urls (url TEXT NOT NULL);
              CREATE TRIGGER IF NOT EXISTS refuse_insert BEFORE INSERT ON urls WHEN NEW.url IN (SELECT url FROM refused_urls)
              BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
              {refuse};
              """;
        statement.ExecuteNonQuery();
    }
}
