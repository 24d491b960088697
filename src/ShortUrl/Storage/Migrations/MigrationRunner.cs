using System.Data.Common;

namespace ShortUrl.Storage.Migrations;

/// <summary>
/// Brings the schema up to date once, at start, before the server takes its first request. Safe to run from
/// several processes at once: the store applies each migration under the database's write lock and skips one that
/// another process applied first.
/// </summary>
internal sealed partial class MigrationRunner(
    IMigrationHistory store,
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
        var applied = 0;
        foreach (var migration in Pending(migrations, history))
        {
            bool appliedHere;
            try
            {
                appliedHere = await store.ApplyMigrationAsync(migration, cancellationToken);
            }
            catch (DbException e)
            {
                throw new MigrationException(
                    $"Migration {migration.FileName} failed, so none of it was applied: {e.Message.TrimEnd('.')}. "
                    + "Fix the migration and start again.",
                    e);
            }

            if (appliedHere)
            {
                LogApplied(migration.FileName);
                applied++;
            }
        }

        return applied;
    }

    /// <summary>Checks the history against the files and returns the migrations still to apply, in order.</summary>
    private List<Migration> Pending(IReadOnlyList<Migration> migrations, IReadOnlyList<AppliedMigration> history)
    {
        var known = migrations.ToDictionary(m => (long)m.Version);
        var edited = history.Where(h => known.TryGetValue(h.Version, out var m) && m.Checksum != h.Checksum).ToList();
        if (edited.Count > 0)
        {
            var files = string.Join(", ", edited.Select(h => known[h.Version].FileName));
            throw new MigrationException(
                (edited.Count == 1
                    ? $"Migration {files} changed after it was applied to this database on {edited[0].AppliedAt}"
                    : $"Migrations {files} changed after they were applied to this database")
                + " (the checksum differs). Released migrations are never edited: restore the file and add a new migration instead.");
        }

        var unknown = history.Where(h => !known.ContainsKey(h.Version)).Select(h => $"{h.Version:D4}_{h.Name}").ToList();
        if (unknown.Count > 0)
        {
            // A newer release (or one still running beside this one during a deploy) got there first. Its
            // migrations are backward compatible by rule, so this build keeps serving and never undoes them.
            LogNewerSchema(string.Join(", ", unknown));
        }

        var recorded = history.Select(h => h.Version).ToHashSet();
        var pending = migrations.Where(m => !recorded.Contains(m.Version)).ToList();
        if (pending.Count > 0 && history.Count > 0 && history[^1].Version > pending[0].Version)
        {
            // Applying it now would run it on a schema its author never saw: the order is the contract.
            var newest = history[^1];
            throw new MigrationException(
                $"Migration {pending[0].FileName} is not applied, but the database already has the later {newest.Version:D4}_{newest.Name}. "
                + $"Migrations apply in version order only: give {pending[0].FileName} a version above {newest.Version:D4}.");
        }

        return pending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    private partial void LogApplied(string migration);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The database has migrations this build does not know: {Migrations}. Serving on; they are left as they are.")]
    private partial void LogNewerSchema(string migrations);
}
