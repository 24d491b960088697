using System.Net;
using System.Net.Sockets;

namespace ShortUrl.Tests.Processes;

/// <summary>
/// A client of a service process that connects from a loopback address of its choosing: all of 127.0.0.0/8 is loopback
/// on Linux, so one machine can be many clients, each with an address (and a rate-limit allowance) of its own.
/// </summary>
public static class LoopbackClient
{
    /// <summary>A client of <paramref name="server"/> whose connections come from <paramref name="source"/>; it does not follow redirects.</summary>
    public static HttpClient From(IPAddress source, Uri server) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
