using System.Buffers;

namespace ShortUrl.Links;

/// <summary>
/// A target as a person reads it, wherever one is shown (the page's lists and result, the preview page, the no-JS result
/// page): the host in Unicode when it reads as itself, in its ASCII (<c>xn--</c>) form when it could pass for another
/// name (<see cref="LookAlikeHosts"/>), as browsers show it in their address bars. The rest of the URL stays as stored.
/// </summary>
internal static class DisplayUrl
{
    private static readonly IdnMapping Idn = new();

    private static readonly SearchValues<char> PlainHostCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.");

    /// <summary>The target as shown, and why its host is shown in ASCII (null when it is not, or needs no reason).</summary>
    public readonly record struct Shown(string Text, string? Caution);

    public static string Of(string url) => Show(url).Text;

    public static Shown Show(string url)
    {
        if (HostOf(url) is not { } at)
        {
            return new(url, null);
        }

        var (start, length) = at;
        var host = url.AsSpan(start, length);
        // What the redirect sends is the host's ASCII form; a plain ASCII name is shown as typed.
        if (!host.ContainsAnyExcept(PlainHostCharacters) && !HasAsciiCompatibleLabel(host))
        {
            return new(url, null);
        }

        if (AsciiHostOf(url) is not { } ascii)
        {
            // Not even a host a redirect could go to: every non-ASCII character is shown as its escape.
            var escaped = new StringBuilder();
            TargetUrl.AppendAscii(escaped, host);
            return new(Replace(url, start, length, escaped.ToString()), "it is not a valid international domain name");
        }

        string unicode;
        try
        {
            unicode = Idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return new(Replace(url, start, length, ascii), "it is not a valid international domain name");
        }

        return LookAlikeHosts.Caution(unicode) is { } caution
            ? new(Replace(url, start, length, ascii), caution)
            : new(Replace(url, start, length, unicode), null);
    }

    /// <summary>Where the host name is in <paramref name="url"/> (no IP address, no port, no user-info).</summary>
    private static (int Start, int Length)? HostOf(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var start = schemeEnd + 3;
        var end = url.IndexOfAny(['/', '?', '#', '\\'], start);
        end = end < 0 ? url.Length : end;
        start = Math.Max(start, url.LastIndexOf('@', end - 1, end - start) + 1);
        if (start >= end || url[start] == '[')
        {
            return null;
        }

        var colon = url.LastIndexOf(':', end - 1, end - start);
        return (start, (colon < 0 ? end : colon) - start);
    }

    private static string? AsciiHostOf(string url)
    {
        try
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.HostNameType is UriHostNameType.Dns ? uri.IdnHost : null;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return null;
        }
    }

    private static bool HasAsciiCompatibleLabel(ReadOnlySpan<char> host)
    {
        foreach (var range in host.Split('.'))
        {
            if (host[range].StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Replace(string url, int start, int length, string host) =>
        string.Concat(url.AsSpan(0, start), host, url.AsSpan(start + length));
}
