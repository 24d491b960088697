using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ShortUrl.Titles;

/// <summary>
/// Who the title fetcher may reach and how long it waits. <see cref="MayConnect"/> is asked about every address a
/// connection would go to, after DNS resolution; the tests give one that lets them reach a server of their own.
/// </summary>
internal sealed record TitleFetchPolicy(Func<IPAddress, bool> MayConnect, TimeSpan Timeout)
{
    public static readonly TitleFetchPolicy Default = new(PublicAddresses.IsPublic, TimeSpan.FromSeconds(5));
}

/// <summary>
/// Fetches the start of a page and reads its title. Every connection, the first and each redirect's, is made by
/// <see cref="ConnectAsync"/>, which resolves the host itself and connects only to an address the policy allows: the
/// address checked is the address used, so neither a redirect nor a DNS answer that changes between a check and the
/// connection (DNS rebinding) can lead it to this machine or its network.
/// </summary>
internal sealed class TitleClient : IDisposable
{
    /// <summary>The most of a page that is read: titles are in the head.</summary>
    public const int MaxBytes = 64 * 1024;

    public const int MaxRedirects = 3;

    private readonly TitleFetchPolicy _policy;
    private readonly HttpClient _client;

    public TitleClient(TitleFetchPolicy policy)
    {
        _policy = policy;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = MaxRedirects,
            // A proxy would make the connection for it, to addresses the callback never sees.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = policy.Timeout,
            MaxResponseHeadersLength = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = policy.Timeout, MaxResponseContentBufferSize = MaxBytes };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("ShortUrl-TitleFetcher/1.0");
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9");
    }

    /// <returns>The page's title; null when it has none, is no HTML page, or cannot be fetched (or may not be).</returns>
    public async Task<string?> FetchTitleAsync(string url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_policy.Timeout);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode || !IsHtml(response.Content.Headers.ContentType))
            {
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var start = await ReadStartAsync(body, timeout.Token);
            return HtmlTitle.Of(Decode(start, response.Content.Headers.ContentType?.CharSet));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // Unreachable, refused, too slow, not HTTP: no title, as for a page without one.
            return null;
        }
    }

    public void Dispose() => _client.Dispose();

    private static bool IsHtml(MediaTypeHeaderValue? type) =>
        type?.MediaType is null or "text/html" or "application/xhtml+xml";

    private static async Task<ArraySegment<byte>> ReadStartAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBytes];
        var read = 0;
        while (read < buffer.Length && await body.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }

        return new ArraySegment<byte>(buffer, 0, read);
    }

    /// <summary>In the charset the headers name, else the one the page declares, else UTF-8.</summary>
    private static string Decode(ArraySegment<byte> bytes, string? charset)
    {
        charset ??= HtmlTitle.DeclaredCharset(Encoding.Latin1.GetString(bytes.AsSpan(0, Math.Min(bytes.Count, 2048))));
        var encoding = Encoding.UTF8;
        if (charset is not null)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"', '\''));
            }
            catch (ArgumentException)
            {
                // An encoding .NET does not have: UTF-8 reads the ASCII of most titles all the same.
            }
        }

        return encoding.GetString(bytes);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(_policy.MayConnect).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} has no address the title fetcher may connect to.");
        }

        SocketException? failure = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"No address of {endpoint.Host} answered.", failure);
    }
}
