using Microsoft.Data.Sqlite;
using Npgsql;
using ShortUrl.Storage.Migrations;
namespace ShortUrl.Hosting;

/// <summary>Turns the ways a start can fail because of configuration into one line a person can act on.</summary>
internal static class StartupFailure
{
    /// <returns>The line to print, or null when the exception is a bug rather than a configuration problem.</returns>
    public static string? Explain(Exception exception) => exception switch
    {
        OptionsValidationException e => "ShortUrl cannot start: " + string.Join(" ", e.Failures),
        MigrationException e => "ShortUrl cannot start: " + e.Message,
        SqliteException e => $"ShortUrl cannot start: the database cannot be opened or written ({e.Message.TrimEnd('.')}). "
            + "Check ConnectionStrings:ShortUrl and that the folder is writable.",
        NpgsqlException e => $"ShortUrl cannot start: the PostgreSQL database cannot be reached ({e.Message.TrimEnd('.')}). "
            + "Check ConnectionStrings:ShortUrl and that the server is up.",
        // Kestrel's words name the address and the reason ("address already in use", "permission denied").
        IOException e when e.Message.StartsWith("Failed to bind", StringComparison.Ordinal) =>
            $"ShortUrl cannot start: {e.Message.TrimEnd('.')}. Choose another address with --urls or ASPNETCORE_URLS.",
        UnauthorizedAccessException or IOException => $"ShortUrl cannot start: {exception.Message.TrimEnd('.')}. "
            + "Check ConnectionStrings:ShortUrl and that its folder can be created and written.",
        // The configuration binder's own words name the key and the value: "Failed to convert configuration value ...".
        InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } e => "ShortUrl cannot start: " + e.Message,
        AggregateException { InnerExceptions.Count: 1 } e => Explain(e.InnerExceptions[0]),
        _ => null,
    };
}
