namespace ShortUrl.Tests.Processes;

/// <summary>A class fixture: one published service process over its own fresh database, for the whole test class.</summary>
public sealed class RunningService : IAsyncLifetime
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"shorturl-running-{Guid.NewGuid():N}", "shorturl.db");

    public ServiceProcess Process { get; private set; } = null!;

    public async Task InitializeAsync() => Process = await ServiceProcess.StartAsync(DatabasePath);

    public async Task DisposeAsync()
    {
        await Process.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
    }
}
