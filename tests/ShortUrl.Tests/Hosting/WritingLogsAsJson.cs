using System.Text.Json;

namespace ShortUrl.Tests.Hosting;

/// <summary>One setting turns the console log into one JSON object per line, for a log collector to read.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class WritingLogsAsJson : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-jsonlog-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WithTheJsonFormatterEveryLogLineIsAJsonObjectWithCategoryAndMessage()
    {
        await using var service = await ServiceProcess.StartAsync(Path.Combine(_folder, "shorturl.db"), "--Logging:Console:FormatterName=json");
        await service.Client.GetAsync("/no-such-code");
        await service.StopAsync();

        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(entries, entry => Assert.False(string.IsNullOrEmpty(entry.GetProperty("Category").GetString())));
        Assert.Contains(entries, entry => entry.GetProperty("Message").GetString()!.StartsWith("Redirect index loaded", StringComparison.Ordinal));
    }
}
