using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Storage;

/// <summary>The PostgreSQL connection strings the README recommends, on a real server.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Postgres)]
public sealed class ConnectingToPostgres
{
    [Fact]
    public async Task AConnectionStringNamingSeveralServersFindsThePrimaryPastOneThatIsDown()
    {
        using var database = TestPostgres.CreateDatabase();
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        settings.Host = $"127.0.0.1:{ServiceProcess.FreePort()},{settings.Host}:{settings.Port}";
        settings.TargetSessionAttributes = "primary";
        settings.MaxPoolSize = 5;
        await using var factory = ShortUrlFactory.WithSettings(
            ("ShortUrl:Database", "Postgres"), ("ConnectionStrings:ShortUrl", settings.ConnectionString));
        var client = factory.CreateClient();

        var created = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/failover" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

        var redirect = await client.GetAsync($"/{code}");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        await using var connection = database.Open();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM urls", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
