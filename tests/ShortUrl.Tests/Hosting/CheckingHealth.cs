using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ShortUrl.Tests.Hosting;

public sealed class CheckingHealth
{
    [Fact]
    public async Task HealthIs200WhileTheDatabaseAnswers()
    {
        await using var factory = new ShortUrlFactory();
        var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
    public async Task HealthIsA503ProblemOnceTheDatabaseCanNoLongerBeOpened()
    {
        // Nothing in the background may open the database between the delete and the directory taking its place: a new
        // connection would create the file again. So no redirect index to load and no click writer's turn.
        await using var factory = ShortUrlFactory.WithSettings(
            ("ShortUrl:LinkIndexSize", "0"), ("ShortUrl:ClickWriteIntervalMilliseconds", "3600000"));
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Pooled connections would keep the deleted file alive; a directory in its place cannot be opened.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(factory.DatabasePath + suffix);
        }

        Directory.CreateDirectory(factory.DatabasePath);
        try
        {
            var response = await client.GetAsync("/health");

            await AssertUnavailableProblemAsync(response);
        }
        finally
        {
            Directory.Delete(factory.DatabasePath);
        }
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Postgres)]
    public async Task HealthIsA503ProblemOnceThePostgresDatabaseIsGone()
    {
        await using var factory = new ShortUrlFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Closes the service's pooled connections too, so the check has to open a new one.
        factory.Postgres!.Drop();
        var response = await client.GetAsync("/health");

        await AssertUnavailableProblemAsync(response);
    }

    private static async Task AssertUnavailableProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("The database cannot be reached.", problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("type", out _));
        Assert.True(problem.TryGetProperty("title", out _));
    }
}
