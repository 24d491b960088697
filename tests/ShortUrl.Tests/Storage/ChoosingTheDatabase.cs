using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Storage;

/// <summary>A database setting the service cannot use stops it at start, with one line saying what to change.</summary>
public sealed class ChoosingTheDatabase
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"shorturl-choosing-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task AnUnknownDatabaseStopsTheStartWithOneLineNamingTheKey()
    {
        var line = await FailedStartAsync("--ShortUrl:Database=Mongo");

        Assert.Contains("ShortUrl:Database must be Sqlite or Postgres, not 'Mongo'.", line);
    }

    [Fact]
    public async Task APostgresConnectionStringWithoutTheDatabaseSettingSaysWhichSettingIsMissing()
    {
        var line = await FailedStartAsync("--ConnectionStrings:ShortUrl=Host=127.0.0.1;Database=shorturl;Username=shorturl");

        Assert.StartsWith("ShortUrl cannot start: ConnectionStrings:ShortUrl is not a valid SQLite connection string", line);
        Assert.Contains("set ShortUrl:Database=Postgres", line);
    }

    [Fact]
    public async Task APostgresServerThatDoesNotAnswerStopsTheStartWithOneLine()
    {
        var line = await FailedStartAsync(
            "--ShortUrl:Database=Postgres",
            $"--ConnectionStrings:ShortUrl=Host=127.0.0.1;Port={ServiceProcess.FreePort()};Database=shorturl;Username=shorturl;Timeout=5");

        Assert.StartsWith("ShortUrl cannot start: the PostgreSQL database cannot be reached", line);
        Assert.Contains("Check ConnectionStrings:ShortUrl", line);
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringSaysWhatItNeeds()
    {
        var line = await FailedStartAsync("--ShortUrl:Database=Postgres", "--ConnectionStrings:ShortUrl=");

        Assert.StartsWith("ShortUrl cannot start: ConnectionStrings:ShortUrl must be a PostgreSQL connection string", line);
    }

    /// <returns>The one line the failed start printed.</returns>
    private async Task<string> FailedStartAsync(params string[] settings)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(_databasePath, settings);

        Assert.Equal(1, exitCode); // as the README promises
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.False(File.Exists(_databasePath), "nothing was written before the start failed");
        return Assert.Single(lines, l => l.StartsWith("ShortUrl cannot start:", StringComparison.Ordinal));
    }
}
