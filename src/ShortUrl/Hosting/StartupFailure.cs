using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using ShortUrl.Storage.Migrations;
namespace ShortUrl.Hosting;

/// <summary>Turns the ways a start can fail because of configuration into one line a person can act on.</summary>
internal static partial class StartupFailure
{
    /// <returns>The line to print, or null when the exception is a bug rather than a configuration problem.</returns>
    public static string? Explain(Exception exception) => exception switch
    {
        OptionsValidationException e => "ShortUrl cannot start: " + string.Join(" ", e.Failures.Select(WithoutFrame)),
        MigrationException e => "ShortUrl cannot start: " + e.Message,
        SqliteException e => $"ShortUrl cannot start: the database cannot be opened or written ({e.Message.TrimEnd('.')}). "
            + "Check ConnectionStrings:ShortUrl and that the folder is writable.",
        NpgsqlException e => $"ShortUrl cannot start: the PostgreSQL database cannot be reached ({e.Message.TrimEnd('.')}). "
            + "Check ConnectionStrings:ShortUrl and that the server is up.",
        // Kestrel's words name the address and the reason ("address already in use", "permission denied").
        IOException e when e.Message.StartsWith("Failed to bind", StringComparison.Ordinal) =>
            $"ShortUrl cannot start: {e.Message.TrimEnd('.')}. Choose another address with --urls or ASPNETCORE_URLS, "
            + "or another ShortUrl:Metrics:Port when it is the metrics port.",
        UnauthorizedAccessException or IOException => $"ShortUrl cannot start: {exception.Message.TrimEnd('.')}. "
            + "Check ConnectionStrings:ShortUrl and that its folder can be created and written.",
        // The logging configuration's words name the value only: "Configuration value 'Loud' is not supported."
        InvalidOperationException e when e.StackTrace?.Contains("LoggerFilterConfigureOptions", StringComparison.Ordinal) == true =>
            $"ShortUrl cannot start: a log level under Logging:LogLevel is not one ({e.Message.TrimEnd('.')}). "
            + "Use Trace, Debug, Information, Warning, Error, Critical or None.",
        // The configuration binder's own words name the key and the value: "Failed to convert configuration value ...".
        InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } e => "ShortUrl cannot start: " + e.Message,
        AggregateException { InnerExceptions.Count: 1 } e => Explain(e.InnerExceptions[0]),
        // An address Kestrel cannot parse (--urls=notaurl, a port past 65535, a scheme other than http and https), or one
        // it parses but no socket can be bound to (an IPv4-mapped IPv6 address).
        FormatException or ArgumentException or InvalidOperationException or SocketException when exception.StackTrace?.Contains("Kestrel.Core.Internal.AddressBinder", StringComparison.Ordinal) == true =>
            $"ShortUrl cannot start: an address to listen on is not valid ({exception.Message.TrimEnd('.')}). "
            + "Give --urls or ASPNETCORE_URLS like http://0.0.0.0:8080.",
        _ => null,
    };

    /// <summary>
    /// A validation failure without the frame data annotations put around it ("DataAnnotation validation failed for
    /// 'ShortUrlOptions' members: 'CodeLength' with the error: '...'."): the message names the key itself.
    /// </summary>
    private static string WithoutFrame(string failure) =>
        AnnotationFrame().Match(failure) is { Success: true } framed ? framed.Groups["message"].Value : failure;

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex AnnotationFrame();
}
