using System.Net.Sockets;
using System.Text;

namespace ShortUrl.Tests.Processes;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient would refuse or rewrite (a NUL in the path, dot segments,
/// oversized headers) and for reading the response exactly as the server wrote it.
/// </summary>
public static class RawHttp
{
    /// <summary>A parsed answer; <see cref="Head"/> is the status line and headers verbatim.</summary>
    public sealed record Response(int Status, string Head, string Body)
    {
        public IEnumerable<string> HeaderLines => Head.Split("\r\n").Skip(1);

        public string? Header(string name) => HeaderLines
            .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(line => line[(name.Length + 1)..].Trim())
            .FirstOrDefault();
    }

    /// <summary>Sends <paramref name="requestHead"/> (request line and headers, no final blank line) and reads until the server closes.</summary>
    /// <param name="chunked">Send the body as one chunk of a chunked body, its length not announced.</param>
    public static async Task<Response> SendAsync(Uri server, string requestHead, string body = "", bool chunked = false)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        var length = Encoding.UTF8.GetByteCount(body);
        var framing = chunked ? "Transfer-Encoding: chunked\r\n" : body.Length > 0 ? $"Content-Length: {length}\r\n" : "";
        var content = chunked ? $"{length:X}\r\n{body}\r\n0\r\n\r\n" : body;
        // One write, so the whole request is in the socket's buffer before the server can answer early and close.
        await stream.WriteAsync(Encoding.Latin1.GetBytes($"{requestHead}\r\nHost: {server.Authority}\r\nConnection: close\r\n{framing}\r\n{content}"), timeout.Token);

        return await ReadAnswerAsync(stream, timeout.Token);
    }

    /// <summary>
    /// Announces a body of <paramref name="announcedLength"/> bytes and sends it a byte every half second, far below any
    /// server's minimum data rate, until the server answers (at most 30 s); returns that answer.
    /// </summary>
    public static async Task<Response> SendBodySlowlyAsync(Uri server, string requestHead, int announcedLength = 1000)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(
            $"{requestHead}\r\nHost: {server.Authority}\r\nConnection: close\r\nContent-Length: {announcedLength}\r\n\r\n"), timeout.Token);
        for (var sent = 0; sent < announcedLength && client.Available == 0; sent++)
        {
            try
            {
                await stream.WriteAsync(" "u8.ToArray(), timeout.Token);
            }
            catch (IOException)
            {
                break; // the server has answered and closed
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token);
        }

        return await ReadAnswerAsync(stream, timeout.Token);
    }

    private static async Task<Response> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancellationToken);
        }
        catch (IOException)
        {
            // The server may reset a connection it rejected once it has answered; what arrived is the answer.
        }

        var text = Encoding.Latin1.GetString(received.ToArray());
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = headEnd < 0 ? text : text[..headEnd];
        var status = int.Parse(head.Split(' ', 3)[1]);
        return new Response(status, head, headEnd < 0 ? "" : text[(headEnd + 4)..]);
    }
}
