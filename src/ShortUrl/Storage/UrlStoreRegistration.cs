using Microsoft.Extensions.Options;
using ShortUrl.Hosting;
using ShortUrl.Storage.Postgres;
using ShortUrl.Storage.Sqlite;

namespace ShortUrl.Storage;

/// <summary>
/// Chooses the store from configuration: SQLite by default, PostgreSQL when <c>ShortUrl:Database</c> is <c>Postgres</c>.
/// Either way the store is one singleton, holding the connection pool for the life of the process.
/// </summary>
public static class UrlStoreRegistration
{
    public static IServiceCollection AddUrlStore(this IServiceCollection services) =>
        services.AddSingleton<IUrlStore>(sp => Create(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("ShortUrl"),
            sp.GetRequiredService<IOptions<ShortUrlOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));

    private static IUrlStore Create(string? connectionString, ShortUrlOptions options, string contentRoot)
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
                return new PostgresUrlStore(connectionString);
            }
            catch (ArgumentException e)
            {
                throw Invalid($"ConnectionStrings:ShortUrl is not a valid PostgreSQL connection string: {e.Message.TrimEnd('.')}.");
            }
        }

        try
        {
            return new SqliteUrlStore(connectionString ?? "Data Source=shorturl.db", contentRoot);
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
