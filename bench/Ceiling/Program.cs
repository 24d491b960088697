// The ceiling for bench/ceiling.sh: how many redirects per second .NET can answer on this machine when it does nothing
// but find the code and write a ready answer. No HTTP framework, no click counting, no headers worked out per request:
// each link's whole response is built once, from "code<TAB>url" lines in the file given as --links. Requests are
// assumed well-formed, as wrk sends them; this is a yardstick, not a server.
//
//   --mode sockets              .NET's sockets alone: an accept loop, and per connection a receive, parse, send loop
//   --mode kestrel              Kestrel's transport (its sockets, pipes and scheduling) with a connection middleware
//                               that answers from the raw bytes, below Kestrel's HTTP layer
//   --mode kestrel-inline       the same with Kestrel's UnsafePreferInlineScheduling (the request runs on the socket thread)
// and --port N. ceiling.sh runs every mode with the runtime's inline socket completions, as ShortUrl runs Kestrel's.
using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

var answers = new Answers(options["links"]);
var port = int.Parse(options["port"]);
switch (options["mode"])
{
    case "sockets":
        await SocketsAlone.ServeAsync(port, answers);
        break;
    case "kestrel" or "kestrel-inline":
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = options["mode"] == "kestrel-inline");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port,
            listen => listen.Use(_ => connection => KestrelConnection.ServeAsync(connection.Transport, answers))));
        await builder.Build().RunAsync();
        break;
    default:
        throw new ArgumentException("--mode is sockets, kestrel or kestrel-inline");
}

/// <summary>Each link's whole response, built once; the answer to a request is a lookup of its path.</summary>
internal sealed class Answers
{
    private static readonly byte[] NotFound = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _byCode;

    public Answers(string linksFile)
    {
        var byCode = File.ReadLines(linksFile).Select(line => line.Split('\t')).ToDictionary(
            fields => fields[0],
            fields => Encoding.ASCII.GetBytes(
                $"HTTP/1.1 302 Found\r\nContent-Length: 0\r\nLocation: {fields[1]}\r\nReferrer-Policy: strict-origin-when-cross-origin\r\n\r\n"),
            StringComparer.Ordinal);
        _byCode = byCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The response to one request's head ("GET /code HTTP/1.1\r\n..." up to the blank line).</summary>
    public byte[] For(ReadOnlySpan<byte> head)
    {
        var target = head[(head.IndexOf((byte)' ') + 1)..];
        target = target[..target.IndexOf((byte)' ')];
        Span<char> code = stackalloc char[64];
        return target.Length is > 1 and <= 65 && _byCode.TryGetValue(code[..Encoding.ASCII.GetChars(target[1..], code)], out var answer)
            ? answer
            : NotFound;
    }
}

internal static class SocketsAlone
{
    public static async Task ServeAsync(int port, Answers answers)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(1024);
        while (true)
        {
            var connection = await listener.AcceptAsync();
            connection.NoDelay = true;
            _ = Task.Run(() => ServeConnectionAsync(connection, answers));
        }
    }

    private static async Task ServeConnectionAsync(Socket connection, Answers answers)
    {
        using var _ = connection;
        var input = new byte[16384];
        var output = new byte[65536];
        var held = 0;
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(input.AsMemory(held), SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                held += read;
                int start = 0, written = 0, end;
                while ((end = input.AsSpan(start, held - start).IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    var answer = answers.For(input.AsSpan(start, end));
                    answer.CopyTo(output.AsSpan(written));
                    written += answer.Length;
                    start += end + 4;
                }

                input.AsSpan(start, held - start).CopyTo(input);
                held -= start;
                if (written > 0)
                {
                    await connection.SendAsync(output.AsMemory(0, written), SocketFlags.None);
                }
            }
        }
        catch (SocketException)
        {
            // wrk closing its connections at the end of a run
        }
    }
}

internal static class KestrelConnection
{
    public static async Task ServeAsync(IDuplexPipe transport, Answers answers)
    {
        while (true)
        {
            var result = await transport.Input.ReadAsync();
            var buffer = result.Buffer;
            while (TryReadHead(ref buffer, out var head))
            {
                transport.Output.Write(answers.For(head.IsSingleSegment ? head.FirstSpan : head.ToArray()));
            }

            transport.Input.AdvanceTo(buffer.Start, buffer.End);
            await transport.Output.FlushAsync();
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private static bool TryReadHead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> head)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out head, "\r\n\r\n"u8))
        {
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
