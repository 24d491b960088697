using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ShortUrl.Hosting;

/// <summary>
/// Where completed socket operations run. By default .NET hands each one from its epoll thread to the thread pool, and
/// Kestrel's transport then hands it on to its own I/O queue: two hand-offs for every read. Kestrel schedules its
/// continuations itself, so on its sockets an inline completion runs only Kestrel's own hand-off, never application
/// code, and one hand-off per read is saved: on the redirect path, a large part of the time. Other sockets have no such
/// guard: code after an await on a PostgreSQL connection or an outgoing HTTP request would run on the epoll thread, and
/// anything slow there stalls every socket of the process. So inline completions are asked for socket by socket, on
/// Kestrel's connections alone, through the runtime's per-socket switch (internal, and kept reachable by reflection
/// for such use); the process-wide variable would take every socket.
/// </summary>
internal static class SocketCompletions
{
    /// <summary>The runtime's process-wide switch. When the operator sets it either way, it is left to decide alone.</summary>
    public const string InlineVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>How many epoll threads the runtime runs; read once, when the first socket is made.</summary>
    public const string ThreadCountVariable = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    /// <summary><c>Socket.PreferInlineCompletions</c>, or null on a runtime without it (then nothing is inlined).</summary>
    private static readonly Action<Socket, bool>? PreferInline =
        typeof(Socket).GetProperty("PreferInlineCompletions", BindingFlags.NonPublic | BindingFlags.Instance) is
        { PropertyType: var type, SetMethod: { } setter } && type == typeof(bool)
            ? setter.CreateDelegate<Action<Socket, bool>>()
            : null;

    public static bool RuntimeHasThePerSocketSwitch => PreferInline is not null;

    /// <summary>Whether to inline Kestrel's sockets: where the runtime lets us, and unless the operator chose.</summary>
    public static bool ShouldInline(string? operatorsChoice) => operatorsChoice is null && RuntimeHasThePerSocketSwitch;

    /// <summary>
    /// Gives the runtime an epoll thread per core, as it does itself when every socket is inlined (it runs one per 30
    /// cores otherwise, which inline reads would make the bottleneck). Called before the first socket; only in the
    /// service's own process, never in a host that merely loads it (the tests'), and never against the operator's count.
    /// </summary>
    public static void PrepareProcess()
    {
        if (Assembly.GetEntryAssembly() == typeof(SocketCompletions).Assembly
            && ShouldInline(Environment.GetEnvironmentVariable(InlineVariable))
            && Environment.GetEnvironmentVariable(ThreadCountVariable) is null)
        {
            Environment.SetEnvironmentVariable(ThreadCountVariable, Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Every endpoint's connections, as they are accepted, ask for inline completions. Kestrel keeps one endpoint-defaults
    /// action and a second call replaces the first, so this is the service's only one: anything else every endpoint
    /// needs goes in it.
    /// </summary>
    public static void InlineKestrelsSockets(KestrelServerOptions kestrel)
    {
        if (ShouldInline(Environment.GetEnvironmentVariable(InlineVariable)))
        {
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(next => connection =>
            {
                Inline(connection);
                return next(connection);
            }));
        }
    }

    private static void Inline(ConnectionContext connection)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            PreferInline!(socket, true);
        }
    }
}
