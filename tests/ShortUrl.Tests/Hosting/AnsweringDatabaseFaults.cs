using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// A database that is down, locked, read-only or full makes a request answer 503 with Retry-After and the cause in
/// words; a fault that is none of these stays a 500, and nothing is dressed up.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class AnsweringDatabaseFaults(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    public static TheoryData<string, string, string> Faults => new()
    {
        { "sqlite-full", "disk under the SQLite database is full", "30" },
        { "sqlite-readonly", "read-only", "30" },
        { "sqlite-busy", "locked by another writer", "2" },
        { "postgres-down", "cannot be reached", "2" },
        { "postgres-shutdown", "shutting down", "2" },
        { "postgres-full", "disk is full", "30" },
        { "postgres-standby", "read-only", "2" },
    };

    private static Exception FaultNamed(string name) => name switch
    {
        "sqlite-full" => new SqliteException("database or disk is full", 13),
        "sqlite-readonly" => new SqliteException("attempt to write a readonly database", 8),
        "sqlite-busy" => new SqliteException("database is locked", 5),
        "postgres-down" => new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)),
        "postgres-shutdown" => new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        "postgres-full" => new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100"),
        "postgres-standby" => new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task ACreateTheDatabaseCannotTakeAnswers503WithRetryAfterAndTheCause(string fault, string cause, string retryAfter)
    {
        using var client = ClientWithStoreFailing(() => FaultNamed(fault));

        var response = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/while-down" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(retryAfter, response.Headers.GetValues("Retry-After").Single());
        var problem = await ProblemAssert.IsProblemAsync(response, 503);
        Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
        Assert.Contains(cause, problem.GetProperty("detail").GetString());
        Assert.Contains("Nothing was changed", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnEditAndADeleteTheDatabaseCannotTakeAnswer503Too()
    {
        using var client = ClientWithStoreFailing(() => FaultNamed("sqlite-full"));

        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/urls/some-link")
        {
            Content = new StringContent("""{"url":"https://example.com/edited"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        }.WithKey(TestKeys.Admin);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/urls/some-link").WithKey(TestKeys.Admin);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(patch)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(delete)).StatusCode);
    }

    [Fact]
    public async Task ABrowsersFormPostTheDatabaseCannotTakeGetsA503PageSayingWhy()
    {
        using var client = ClientWithStoreFailing(() => FaultNamed("sqlite-full"));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = new FormUrlEncodedContent([new("url", "https://example.com/form-while-full")]),
        };
        request.Headers.Accept.ParseAdd(LinkRequests.BrowserAccept);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("disk under the SQLite database is full", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AClientThatAcceptsOnlyHtmlStillGetsTheProblemWithTheSecurityHeaders()
    {
        using var client = ClientWithStoreFailing(() => FaultNamed("sqlite-full"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/urls/some-link");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);

        Assert.Equal("30", response.Headers.GetValues("Retry-After").Single());
        var problem = await ProblemAssert.IsProblemAsync(response, 503);
        Assert.Contains("disk under the SQLite database is full", problem.GetProperty("detail").GetString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task AFaultThatIsNotTheDatabaseBeingUnavailableStaysA500WithoutRetryAfter()
    {
        using var client = ClientWithStoreFailing(() => new SqliteException("UNIQUE constraint failed", 19));

        var response = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/a-bug" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    private HttpClient ClientWithStoreFailing(Func<Exception> failure) => factory
        .WithWebHostBuilder(host => host
            .UseSetting("ShortUrl:ApiKeys:0", TestKeys.HashOf(TestKeys.Admin))
            .ConfigureServices(services => services.AddSingleton(FailingStore.Of<ILinkStore>(failure))))
        .CreateClient();
}
