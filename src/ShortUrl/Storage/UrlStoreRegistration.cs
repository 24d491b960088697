using ShortUrl.Storage.Postgres;
using ShortUrl.Storage.Sqlite;

namespace ShortUrl.Storage;

/// <summary>
/// Chooses the engine from configuration: SQLite by default, PostgreSQL when <c>ShortUrl:Database</c> is <c>Postgres</c>.
/// Either way the engine is one singleton, holding the connections for the life of the process, and each store seam is
/// that engine's implementation of it.
/// </summary>
internal static class UrlStoreRegistration
{
    public static IServiceCollection AddUrlStore(this IServiceCollection services)
    {
        services.AddSingleton(sp => Create(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("ShortUrl"),
            sp.GetRequiredService<IOptions<ShortUrlOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        // Every seam the engine has, by its interface: a seam added to the engine is registered with it.
        foreach (var seam in typeof(StorageEngine).GetProperties())
        {
            services.AddSingleton(seam.PropertyType, sp => seam.GetValue(sp.GetRequiredService<StorageEngine>())!);
        }

        return services;
    }

    private static StorageEngine Create(string? connectionString, ShortUrlOptions options, string contentRoot)
    {
        if (options.UsesPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw Invalid("ConnectionStrings:ShortUrl must be a PostgreSQL connection string (Host=...;Database=...;Username=...) "
                    + "when ShortUrl:Database is Postgres.");
            }

            try
            {
                return PostgresStorage.Open(connectionString);
            }
            catch (ArgumentException e)
            {
                throw Invalid($"ConnectionStrings:ShortUrl is not a valid PostgreSQL connection string: {e.Message.TrimEnd('.')}.");
            }
        }

        if (connectionString is not null && string.IsNullOrWhiteSpace(connectionString))
        {
            throw Invalid("ConnectionStrings:ShortUrl is empty: set it to a SQLite connection string (Data Source=...), "
                + "or leave it unset for shorturl.db beside the binaries.");
        }

        try
        {
            return SqliteStorage.Open(connectionString ?? "Data Source=shorturl.db", contentRoot);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"ConnectionStrings:ShortUrl is not a valid SQLite connection string ({e.Message.TrimEnd('.')}). "
                + "For PostgreSQL, also set ShortUrl:Database=Postgres.");
        }
    }

    private static OptionsValidationException Invalid(string message) =>
        new("ConnectionStrings:ShortUrl", typeof(ShortUrlOptions), [message]);
}
