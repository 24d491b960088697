using System.Reflection;

namespace ShortUrl.Hosting;

/// <summary>
/// Where completed socket operations run. By default .NET hands each one from its epoll thread to the thread pool, and
/// Kestrel's transport then hands it on to its own I/O queue: two hand-offs for every read. Kestrel schedules its
/// continuations itself, so with the runtime's inline completions (<see cref="Variable"/>) the epoll thread runs only
/// Kestrel's own hand-off and never application code, and one hand-off per read is saved: on the redirect path, a large
/// part of the time is those hand-offs. Other sockets have no such guard: code after an await on a PostgreSQL connection
/// or an outgoing HTTP request would run on the epoll thread, and anything slow there stalls every socket of the
/// process. So the service turns it on only where Kestrel's are the only sockets: on SQLite, without title fetching
/// and without an OTLP exporter.
/// </summary>
internal static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Sets <see cref="Variable"/> for this process when <see cref="ShouldInline"/> says so. Called before the first
    /// socket, as the runtime reads the variable once, then; only in the service's own process, never in a host that
    /// merely loads it (the tests'), whose other sockets it would change.
    /// </summary>
    public static void InlineWhenSafe(IConfiguration configuration)
    {
        if (Assembly.GetEntryAssembly() == typeof(SocketCompletions).Assembly
            && ShouldInline(configuration, Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }

    /// <summary>
    /// Whether to inline: on SQLite without title fetching or OTLP, and unless the operator set the variable either way.
    /// Read from those settings alone, before the options are bound and checked: a value in doubt leaves the runtime's
    /// default, and the check at start says what is wrong with it.
    /// </summary>
    public static bool ShouldInline(IConfiguration configuration, string? operatorsChoice)
    {
        var section = configuration.GetSection(ShortUrlOptions.SectionName);
        var options = new ShortUrlOptions();
        options.Database = section[nameof(ShortUrlOptions.Database)] ?? options.Database;
        var fetchTitles = section[nameof(ShortUrlOptions.FetchTitles)];
        return operatorsChoice is null
            && options.UsesSqlite
            && (fetchTitles is null || bool.TryParse(fetchTitles, out var fetches) && !fetches)
            && string.IsNullOrWhiteSpace(configuration[Telemetry.OtlpEndpointKey]);
    }
}
