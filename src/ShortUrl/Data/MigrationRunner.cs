using Microsoft.Extensions.Options;

namespace ShortUrl.Data;

/// <summary>
/// Brings the schema up to date once, at start, before the server takes its first request. Safe to run from
/// several processes at once: the store applies each migration under the database's write lock and skips one that
/// another process applied first.
/// </summary>
public sealed partial class MigrationRunner(
    IUrlStore store,
    IOptions<ShortUrlOptions> options,
    IHostEnvironment environment,
    ILogger<MigrationRunner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(environment.ContentRootPath, options.Value.MigrationsPath);
        await MigrateAsync(Migration.LoadFolder(folder), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <returns>How many migrations this call applied.</returns>
    public async Task<int> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var history = await store.ReadMigrationHistoryAsync(cancellationToken);
        CheckHistory(migrations, history);

        var applied = 0;
        var recorded = history.Select(h => h.Version).ToHashSet();
        foreach (var migration in migrations.Where(m => !recorded.Contains(m.Version)))
        {
            if (await store.ApplyMigrationAsync(migration, cancellationToken))
            {
                LogApplied(migration.FileName);
                applied++;
            }
        }

        return applied;
    }

    private void CheckHistory(IReadOnlyList<Migration> migrations, IReadOnlyList<AppliedMigration> history)
    {
        var known = migrations.ToDictionary(m => (long)m.Version);
        foreach (var entry in history)
        {
            if (known.TryGetValue(entry.Version, out var migration) && migration.Checksum != entry.Checksum)
            {
                throw new MigrationException(
                    $"Migration {migration.FileName} was edited after it was applied on {entry.AppliedAt} "
                    + "(its checksum differs). Released migrations are never edited: restore the file and add a new migration instead.");
            }
        }

        var unknown = history.Where(h => !known.ContainsKey(h.Version)).Select(h => $"{h.Version:D4}_{h.Name}").ToList();
        if (unknown.Count > 0)
        {
            // A newer release (or one still running beside this one during a deploy) got there first. Its
            // migrations are backward compatible by rule, so this build keeps serving and never undoes them.
            LogNewerSchema(string.Join(", ", unknown));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    private partial void LogApplied(string migration);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The database has migrations this build does not know: {Migrations}. Serving on; they are left as they are.")]
    private partial void LogNewerSchema(string migrations);
}
