using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShortUrl.Tests.Kit;

/// <summary>
/// A web server of a test's own on a loopback address, answering every request with the response it is given (status
/// line, headers and body as raw text) after an optional delay, and counting the requests it got. Raw, so that a test
/// can send what a hostile server would.
/// </summary>
public sealed class TinyHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, byte[]> _respond;
    private readonly TimeSpan _delay;
    private int _requests;

    /// <param name="address">Where it listens, for example 127.0.0.1 (any port).</param>
    /// <param name="respond">The whole response to the request line it is given.</param>
    public TinyHttpServer(IPAddress address, Func<string, byte[]> respond, TimeSpan delay = default)
    {
        _respond = respond;
        _delay = delay;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>A server that answers every request with a 200 HTML page of <paramref name="html"/>.</summary>
    public static TinyHttpServer Html(IPAddress address, string html, TimeSpan delay = default) =>
        new(address, _ => Response("200 OK", "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html)), delay);

    public static byte[] Response(string status, string? contentType, byte[] body, string extraHeaders = "")
    {
        var head = $"HTTP/1.1 {status}\r\n" + (contentType is null ? "" : $"Content-Type: {contentType}\r\n")
            + $"Content-Length: {body.Length}\r\n{extraHeaders}Connection: close\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    public string BaseUrl
    {
        get
        {
            var endpoint = (IPEndPoint)_listener.LocalEndpoint;
            return $"http://{endpoint.Address}:{endpoint.Port}";
        }
    }

    /// <summary>Requests it has read so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal)
                    && await stream.ReadAsync(buffer, _stop.Token) is var read and > 0)
                {
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                Interlocked.Increment(ref _requests);
                if (_delay > TimeSpan.Zero)
                {
                    await Task.Delay(_delay, _stop.Token);
                }

                await stream.WriteAsync(_respond(request.ToString().Split("\r\n")[0]), _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away, or the test is over.
            }
        }
    }
}
