using System.Buffers;

namespace ShortUrl.Links;

/// <summary>
/// The rules for a link's target (absolute http or https, at most <see cref="MaxLength"/> characters, no user-info, not
/// this service itself), and the ASCII form that goes into <c>Location</c>.
/// </summary>
internal static class TargetUrl
{
    public const int MaxLength = 4096;

    private static readonly SearchValues<char> PlainHostCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-.");

    private static readonly SearchValues<char> PlainPathCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?#");

    /// <summary>Checks <paramref name="input"/>; on success <paramref name="url"/> is the trimmed target.</summary>
    /// <returns>Null when valid, otherwise the reason in plain words.</returns>
    public static string? Validate(string? input, IReadOnlyCollection<HostString> selfHosts, out string url)
    {
        url = input?.Trim() ?? "";
        if (url.Length == 0)
        {
            return "A URL is required.";
        }

        if (url.Length > MaxLength)
        {
            return $"The URL is {url.Length} characters long; the limit is {MaxLength}.";
        }

        if (FindForbiddenCharacter(url) is { } bad)
        {
            return bad;
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd] : "";
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return schemeEnd > 0 || url.Contains(':')
                ? "Only http and https URLs can be shortened."
                : "The URL must be absolute and start with http:// or https://.";
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#', '\\'], authorityStart);
        var authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        if (authority.Contains('@'))
        {
            return "URLs with a user name or password (user:pass@host) are not allowed.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType is UriHostNameType.Unknown || uri.Host.Length == 0)
        {
            return "The URL is not valid: it needs a host name, like https://example.com/.";
        }

        string location;
        try
        {
            location = ToLocation(uri);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return "The URL's host name is not a valid international domain name.";
        }

        if (location.Length > MaxLength * 3)
        {
            return "The URL is too long once encoded.";
        }

        if (PointsAt(uri, selfHosts))
        {
            return "The URL points at this service itself, which would make a redirect loop.";
        }

        return null;
    }

    /// <summary>
    /// The target as it goes into the <c>Location</c> header: ASCII only, the host in IDNA form and the rest
    /// percent-encoded, so no stored byte can reach a header raw.
    /// </summary>
    /// <returns>Null when <paramref name="url"/> is not an absolute http or https URL with a host, whatever put it in the
    /// store (a hand edit, an older release): such a value never becomes a redirect.</returns>
    public static string? ToLocation(string url)
    {
        if (IsLocationAlready(url))
        {
            return url;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.HostNameType is UriHostNameType.Unknown || uri.Host.Length == 0)
        {
            return null;
        }

        try
        {
            return ToLocation(uri);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return null;
        }
    }

    internal static string ToLocation(Uri uri)
    {
        var builder = new StringBuilder(uri.OriginalString.Length + 16);
        builder.Append(uri.Scheme).Append("://").Append(uri.HostNameType is UriHostNameType.IPv6 ? uri.Host : uri.IdnHost);
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port.ToString(CultureInfo.InvariantCulture));
        }

        // AbsoluteUri has already escaped the path, query and fragment; what remains non-ASCII is escaped here.
        var absolute = uri.AbsoluteUri;
        var pathStart = absolute.IndexOf('/', uri.Scheme.Length + 3);
        if (pathStart >= 0)
        {
            AppendAscii(builder, absolute.AsSpan(pathStart));
        }
        else
        {
            builder.Append('/');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Whether <paramref name="url"/> is already what <see cref="ToLocation(Uri)"/> would make of it: a lower-case
    /// http(s) scheme and host name, no port, a path, and nothing that parsing would escape or normalise. Most
    /// links are, and a redirect's cache miss then skips parsing; anything unusual takes the full way.
    /// </summary>
    private static bool IsLocationAlready(string url)
    {
        var hostStart = url.StartsWith("https://", StringComparison.Ordinal) ? 8
            : url.StartsWith("http://", StringComparison.Ordinal) ? 7
            : -1;
        var pathStart = hostStart < 0 ? -1 : url.IndexOf('/', hostStart);
        if (pathStart <= hostStart)
        {
            return false;
        }

        // A host whose last label starts with a digit may be an IP address, which parsing rewrites (0x7f.1 is
        // 127.0.0.1); a name's last label starts with a letter.
        var host = url.AsSpan(hostStart, pathStart - hostStart);
        var lastLabel = host[(host.LastIndexOf('.') + 1)..];
        if (host.ContainsAnyExcept(PlainHostCharacters) || host[0] == '.' || lastLabel.Length == 0 || !char.IsAsciiLetterLower(lastLabel[0]))
        {
            return false;
        }

        // No escapes, no dot segments to remove, at most one fragment mark.
        var rest = url.AsSpan(pathStart);
        return !rest.ContainsAnyExcept(PlainPathCharacters)
            && !rest.Contains("/.", StringComparison.Ordinal)
            && rest.IndexOf('#') == rest.LastIndexOf('#');
    }

    /// <summary>Appends <paramref name="text"/> with every character outside printable ASCII percent-encoded as UTF-8.</summary>
    internal static void AppendAscii(StringBuilder builder, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Brackets are legal only around an IPv6 host; past the authority they are escaped like the rest.
            if (c is > ' ' and < (char)0x7F and not ('[' or ']'))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length
                ? Encoding.UTF8.GetBytes(text.Slice(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(text.Slice(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }

    private static string? FindForbiddenCharacter(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsControl(c))
            {
                return $"The URL contains a control character (U+{(int)c:X4}) at position {i + 1}.";
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1]))
                {
                    i++;
                    continue;
                }

                return $"The URL contains an unpaired surrogate at position {i + 1}.";
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || (c != ' ' && char.IsWhiteSpace(c)) || c == '\uFFFD')
            {
                // Invisible and direction-changing characters are how look-alike links are made.
                return $"The URL contains an invisible or formatting character (U+{(int)c:X4}) at position {i + 1}.";
            }
        }

        return null;
    }

    private static bool PointsAt(Uri target, IReadOnlyCollection<HostString> selfHosts)
    {
        var targetHost = NormalizeHost(target.IdnHost);
        foreach (var self in selfHosts)
        {
            var selfHost = NormalizeHost(self.Host);
            // http://host/ and https://host/ are one site: the plain one usually redirects to the other.
            var samePort = self.Port is null || self.Port == target.Port || (IsWebPort(self.Port.Value) && IsWebPort(target.Port));
            // "*.example.com", as AllowedHosts writes every name under example.com.
            var sameHost = selfHost.StartsWith("*.", StringComparison.Ordinal)
                ? targetHost.EndsWith(selfHost[1..], StringComparison.Ordinal)
                : selfHost == targetHost || (IsLoopback(selfHost) && IsLoopback(targetHost));
            if (samePort && sameHost)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWebPort(int port) => port is 80 or 443;

    private static string NormalizeHost(string host)
    {
        host = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        try
        {
            return new IdnMapping().GetAscii(host);
        }
        catch (ArgumentException)
        {
            return host;
        }
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" or "::1" or "0.0.0.0" or "::" || host.EndsWith(".localhost", StringComparison.Ordinal)
        || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
