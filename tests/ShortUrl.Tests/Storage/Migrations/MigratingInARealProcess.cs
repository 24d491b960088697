using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortUrl.Storage.Migrations;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>The published service starting on databases and migration folders prepared for it, as a real process.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class MigratingInARealProcess : IDisposable
{
    private readonly MigrationDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AnEditedMigrationStopsTheServiceWithOneLineNamingTheFile()
    {
        var migrations = MigrationFiles.OfThisBuild();
        await _database.MigrateAsync(migrations);
        var folder = MigrationFiles.WriteFolder(_database.Folder, migrations);
        File.AppendAllText(Path.Combine(folder, migrations[0].FileName), "\n-- an afterthought\n");

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(_database.DatabasePath, $"--ShortUrl:MigrationsPath={folder}");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(output));
        Assert.StartsWith($"ShortUrl cannot start: Migration {migrations[0].FileName} changed after it was applied", line);
    }

    [Fact]
    public async Task AMigrationThatFailsStopsTheServiceWithOneLineNamingTheFileAndLeavesNothingOfIt()
    {
        var broken = Migration.FromSql(
            MigrationFiles.OfThisBuild()[^1].Version + 1, "broken", "CREATE TABLE half_done (id INTEGER);\nSELECT no_such_function();");
        var folder = MigrationFiles.WriteFolder(_database.Folder, [.. MigrationFiles.OfThisBuild(), broken]);

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(_database.DatabasePath, $"--ShortUrl:MigrationsPath={folder}");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(output), l => l.StartsWith("ShortUrl cannot start:"));
        Assert.Contains($"Migration {broken.FileName} failed, so none of it was applied", line);
        Assert.Contains("no such function: no_such_function", line);
        Assert.DoesNotContain(Lines(output), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        var history = await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
        Assert.Equal(MigrationFiles.OfThisBuild().Select(m => m.FileName), history.Select(h => $"{h.Version:D4}_{h.Name}.sql"));
    }

    [Fact]
    public async Task TwoServicesStartingTogetherOnAFreshDatabaseBothServeAndApplyEachMigrationOnce()
    {
        var migrations = MigrationFiles.OfThisBuild();
        var services = await Task.WhenAll(ServiceProcess.StartAsync(_database.DatabasePath), ServiceProcess.StartAsync(_database.DatabasePath));
        try
        {
            foreach (var service in services)
            {
                var created = await service.Client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/together" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            var history = await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
            Assert.Equal(migrations.Select(m => (long)m.Version), history.Select(h => h.Version));
            Assert.Equal(migrations.Select(m => m.Checksum), history.Select(h => h.Checksum));

            // Stopped gracefully, so each has flushed its log: between them, each migration was applied once.
            Assert.All(await Task.WhenAll(services.Select(s => s.StopAsync())), exitCode => Assert.Equal(0, exitCode));
            var appliedLines = services.SelectMany(s => Lines(s.Output)).Where(l => l.Contains("Applied migration")).ToList();
            Assert.Equal(migrations.Select(m => m.FileName).Order(), appliedLines.Select(l => l.Split(' ')[^1]).Order());
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ThisBuildServesOnADatabaseThatANewerReleaseMigratedOneStepFurther()
    {
        var migrations = MigrationFiles.OfThisBuild();
        var future = MigrationFiles.TestOnly("Future/add_a_column_and_a_table.sql", migrations[^1].Version + 1);
        await _database.MigrateAsync([.. migrations, future]);

        await using var service = await ServiceProcess.StartAsync(_database.DatabasePath);

        var created = await service.Client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/from-an-older-build" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        var recent = await service.Client.GetFromJsonAsync<JsonElement>("/api/urls/recent");
        Assert.Equal(code, recent[0].GetProperty("code").GetString());
        var redirect = await service.Client.GetAsync($"/{code}");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("https://example.com/from-an-older-build", redirect.Headers.Location?.OriginalString);
        Assert.Contains($"{future.Version:D4}_{future.Name}", service.Output);
        Assert.Contains("Serving on", service.Output);
        var history = await _database.Store.MigrationHistory.ReadMigrationHistoryAsync(TestContext.Timeout);
        Assert.Equal(future.Checksum, history[^1].Checksum);
    }

    private static List<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
