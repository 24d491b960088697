using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Processes;

/// <summary>The published output, as the Dockerfile builds it, run from another directory on a fresh database.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class RunningThePublishedService : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"shorturl-published-{Guid.NewGuid():N}", "data", "shorturl.db");
    private ServiceProcess _service = null!;

    public async Task InitializeAsync() => _service = await ServiceProcess.StartAsync(_databasePath);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ThePublishedServiceServesThePageSwaggerCreatesAndRedirectsFromAnyDirectory()
    {
        var client = _service.Client;

        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode);

        var created = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/published" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

        var redirect = await client.GetAsync($"/{code}");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("https://example.com/published", redirect.Headers.Location?.OriginalString);
        Assert.True(File.Exists(_databasePath), "the database file is created where the connection string says");
    }
}
