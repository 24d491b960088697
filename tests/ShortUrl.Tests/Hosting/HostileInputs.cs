using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Hosting;

/// <summary>One malformed or malicious request and the answer it must get.</summary>
/// <param name="Name">Unique and readable: the theory's case name.</param>
/// <param name="Request">Builds a fresh request (a request message can be sent only once).</param>
/// <param name="Status">The specific 4xx it must be answered with.</param>
/// <param name="Field">For a 400 validation problem, the field its <c>errors</c> must name.</param>
public sealed record HostileInput(string Name, Func<HttpRequestMessage> Request, int Status, string? Field = null);

/// <summary>
/// The bad-input corpus: what scanners, phishers and broken clients send. Each row is answered with its own 4xx
/// problem and creates nothing. The service under test has <see cref="BaseUrl"/> as its public address and is
/// reached as <c>http://localhost</c>.
/// </summary>
public static class HostileInputs
{
    public const string BaseUrl = "https://sho.rt/";

    /// <summary>Targets that must not be shortened; each is sent both as JSON and as form fields.</summary>
    private static readonly (string Name, string Url)[] BadTargets =
    [
        // Dangerous schemes, in any letter case and with the tricks browsers forgive.
        ("javascript scheme", "javascript:alert(document.cookie)"),
        ("JAVASCRIPT scheme upper case", "JAVASCRIPT:alert(1)"),
        ("JaVaScRiPt scheme mixed case", "JaVaScRiPt:alert(1)"),
        ("javascript scheme with slashes", "javascript://example.com/%0Aalert(1)"),
        ("javascript scheme after spaces", "   javascript:alert(1)"),
        ("javascript scheme split by a tab", "java\tscript:alert(1)"),
        ("javascript scheme split by a newline", "java\nscript:alert(1)"),
        ("javascript scheme after a control character", "\u0001javascript:alert(1)"),
        ("javascript scheme with an entity colon", "javascript&colon;alert(1)"),
        ("data scheme html", "data:text/html,<script>alert(1)</script>"),
        ("DATA scheme upper case base64", "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        ("vbscript scheme", "vbscript:msgbox(1)"),
        ("VBScript scheme mixed case", "VBScript:MsgBox(1)"),
        ("file scheme", "file:///etc/passwd"),
        ("FILE scheme upper case", "FILE://C:/Windows/win.ini"),
        ("ftp scheme", "ftp://example.com/file"),
        ("mailto scheme", "mailto:someone@example.com"),
        ("tel scheme", "tel:+15555550100"),
        ("blob scheme", "blob:https://example.com/uuid"),
        ("about scheme", "about:blank"),
        ("chrome scheme", "chrome://settings"),
        ("view-source scheme", "view-source:https://example.com"),
        ("intent scheme", "intent://example.com#Intent;scheme=http;end"),
        ("ws scheme", "ws://example.com/socket"),
        ("gopher scheme", "gopher://example.com:70/"),
        ("jar scheme", "jar:https://example.com/a.jar!/"),
        ("ldap scheme", "ldap://example.com/dc=example"),
        ("httpx look-alike scheme", "httpx://example.com/"),
        ("https with one slash", "https:/example.com/"),
        ("https without slashes", "https:example.com"),
        ("https with backslashes", "https:\\\\example.com\\"),
        // Relative, scheme-relative and hostless.
        ("scheme-relative", "//evil.example/"),
        ("scheme-relative with backslashes", "\\\\evil.example\\"),
        ("root-relative path", "/api/urls"),
        ("dot-relative path", "../../etc/passwd"),
        ("bare host name", "example.com"),
        ("bare www host with path", "www.example.com/path"),
        ("query only", "?q=1"),
        ("fragment only", "#top"),
        ("blank", "   "),
        ("https with no host", "https://"),
        ("https with only a port", "https://:443/"),
        ("https with a space in the host", "https://exa mple.com/"),
        ("https with a port out of range", "https://example.com:99999/"),
        ("https with a non-numeric port", "https://example.com:http/"),
        ("https with an unclosed IPv6 bracket", "https://[::1/"),
        // User-info.
        ("user and password", "https://user:pass@example.com/"),
        ("user only", "https://user@example.com/"),
        ("empty user-info", "https://@example.com/"),
        ("host disguised as user-info", "https://paypal.com@evil.example/"),
        ("user-info with a port", "http://admin:admin@example.com:8080/"),
        // Control characters anywhere.
        ("CR LF header injection in the path", "https://example.com/a\r\nSet-Cookie: session=evil"),
        ("LF in the path", "https://example.com/a\nb"),
        ("CR in the host", "https://exa\rmple.com/"),
        ("NUL in the path", "https://example.com/a\0b"),
        ("NUL after the host", "https://example.com\0.evil.example/"),
        ("tab in the path", "https://example.com/a\tb"),
        ("escape character", "https://example.com/\u001b[31m"),
        ("backspace", "https://example.com/\b"),
        ("DEL", "https://example.com/\u007f"),
        ("next line (C1)", "https://example.com/a\u0085b"),
        // Invisible and direction-changing characters: how look-alike links are made.
        ("right-to-left override in the path", "https://example.com/\u202Egnp.exe"),
        ("right-to-left override in the host", "https://exa\u202Emple.com/"),
        ("left-to-right override", "https://example.com/\u202D"),
        ("right-to-left isolate", "https://example.com/\u2067x\u2069"),
        ("right-to-left mark", "https://example.com/\u200F"),
        ("arabic letter mark", "https://example.com/\u061C"),
        ("zero-width space in the host", "https://pay\u200Bpal.com/"),
        ("zero-width joiner", "https://example.com/\u200D"),
        ("zero-width non-joiner", "https://example.com/\u200C"),
        ("word joiner", "https://example.com/\u2060"),
        ("byte order mark", "\uFEFFhttps://example.com/"),
        ("soft hyphen in the host", "https://pay\u00ADpal.com/"),
        ("line separator", "https://example.com/a\u2028b"),
        ("paragraph separator", "https://example.com/a\u2029b"),
        ("no-break space in the host", "https://example.com\u00A0.evil.example/"),
        ("ideographic space", "https://example.com/a\u3000b"),
        ("replacement character", "https://example.com/\uFFFD"),
        // Too long.
        ("4097 characters", "https://example.com/" + new string('a', 4097 - 20)),
        ("1400 characters that grow past 12288 when percent-encoded", "https://example.com/" + new string('€', 1400)),
        // Pointing back at this service under any of its names: a redirect loop.
        ("localhost", "http://localhost/abc1234"),
        ("LOCALHOST upper case", "http://LOCALHOST/abc1234"),
        ("localhost with a trailing dot", "http://localhost./abc1234"),
        ("localhost over https", "https://localhost/abc1234"),
        ("a subdomain of localhost", "http://app.localhost/"),
        ("127.0.0.1", "http://127.0.0.1/abc1234"),
        ("127.1 shorthand", "http://127.1/abc1234"),
        ("127.0.0.2 in the loopback range", "http://127.0.0.2/"),
        ("decimal loopback address", "http://2130706433/"),
        ("hexadecimal loopback address", "http://0x7f000001/"),
        ("[::1]", "http://[::1]/abc1234"),
        ("[::1] written out", "http://[0:0:0:0:0:0:0:1]/"),
        ("IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/"),
        ("0.0.0.0", "http://0.0.0.0/"),
        ("the BaseUrl host", "https://sho.rt/abc1234"),
        ("the BaseUrl host upper case", "HTTPS://SHO.RT/abc1234"),
        ("the BaseUrl host with a trailing dot", "https://sho.rt./abc1234"),
        ("the BaseUrl host over http", "http://sho.rt/abc1234"),
        ("the BaseUrl host with its explicit port", "https://sho.rt:443/"),
    ];

    private static readonly (string Name, string Alias)[] BadAliases =
    [
        ("a single space", " "),
        ("two characters", "ab"),
        ("one character", "a"),
        ("65 characters", new string('a', 65)),
        ("1000 characters", new string('b', 1000)),
        ("a slash", "a/b"),
        ("path traversal", "../etc"),
        ("percent-encoded slash", "a%2Fb"),
        ("percent-encoded dots", "%2e%2e"),
        ("a dot", "abc.def"),
        ("a file name", "index.html"),
        ("a space", "my alias"),
        ("a NUL", "abc\0"),
        ("CR LF", "abc\r\nSet-Cookie: x=1"),
        ("a tab", "abc\tdef"),
        ("a zero-width space", "abc\u200B"),
        ("a right-to-left override", "abc\u202Edef"),
        ("full-width letters", "ａｂｃ"),
        ("accented letters", "café"),
        ("Cyrillic look-alikes", "аррӏе"),
        ("an emoji", "link🔗"),
        ("script tag", "<script>alert(1)</script>"),
        ("quotes", "abc\"def'"),
        ("SQL comment", "abc'--"),
        ("SQL drop", "x'); DROP TABLE urls;--"),
        ("SQL tautology", "' OR '1'='1"),
        ("a query", "abc?x=1"),
        ("a fragment", "abc#x"),
        ("a semicolon", "abc;def"),
        ("a colon", "javascript:x"),
        ("a tilde", "~root"),
        // Names the service itself answers to, in any letter case.
        ("reserved api", "api"),
        ("reserved API upper case", "API"),
        ("reserved swagger", "swagger"),
        ("reserved SwAgGeR mixed case", "SwAgGeR"),
        ("reserved health", "health"),
        ("reserved HEALTH upper case", "HEALTH"),
        ("reserved openapi", "openapi"),
        ("reserved index", "index"),
        ("reserved favicon", "favicon"),
        ("reserved robots", "robots"),
        ("reserved app (the client's script and style)", "app"),
    ];

    // After the tables above: static fields initialise in order.
    public static IReadOnlyDictionary<string, HostileInput> All { get; } = Build().ToDictionary(input => input.Name);

    public static TheoryData<string> Names => new(All.Keys);

    private static IEnumerable<HostileInput> Build()
    {
        foreach (var (name, url) in BadTargets)
        {
            yield return new($"json url: {name}", () => Json(JsonSerializer.Serialize(new { url })), 400, "url");
            yield return new($"form url: {name}", () => Form([new("url", url)]), 400, "url");
        }

        foreach (var (name, alias) in BadAliases)
        {
            yield return new($"json alias: {name}", () => Json(JsonSerializer.Serialize(new { url = "https://example.com/", alias })), 400, "alias");
        }

        yield return new("form alias: path traversal", () => Form([new("url", "https://example.com/"), new("alias", "../../x")]), 400, "alias");
        yield return new("form alias: reserved swagger", () => Form([new("url", "https://example.com/"), new("alias", "swagger")]), 400, "alias");
        yield return new("form alias: CR LF", () => Form([new("url", "https://example.com/"), new("alias", "a\r\nb")]), 400, "alias");

        // Lone surrogates cannot be built as .NET strings and sent, so they go as JSON escapes and as raw UTF-8.
        yield return new("json url: lone high surrogate escape", () => Json("""{"url": "https://example.com/\uD800"}"""), 400, "url");
        yield return new("json url: lone low surrogate escape", () => Json("""{"url": "https://example.com/\uDC00"}"""), 400, "url");
        yield return new("json url: two high surrogate escapes", () => Json("""{"url": "https://example.com/\uD83D\uD83D"}"""), 400, "url");
        yield return new("json url: reversed surrogate pair", () => Json("""{"url": "https://example.com/\uDE00\uD83D"}"""), 400, "url");
        yield return new("json alias: lone surrogate escape", () => Json("""{"url": "https://example.com/", "alias": "ab\uD800"}"""), 400, "alias");
        yield return new("json url: NUL escape", () => Json("""{"url": "https://example.com/\u0000"}"""), 400, "url");
        yield return new("json body: UTF-8 encoded surrogate bytes", () => Bytes("application/json", "{\"url\": \"https://example.com/\xED\xA0\x80\"}"), 400);
        yield return new("json body: invalid UTF-8", () => Bytes("application/json", "{\"url\": \"https://example.com/\xC3\x28\"}"), 400);
        yield return new("json body: overlong UTF-8 slash", () => Bytes("application/json", "{\"url\": \"https://example.com/\xC0\xAF\"}"), 400);
        yield return new("form url: percent-encoded NUL", () => RawForm("url=https%3A%2F%2Fexample.com%2F%00"), 400, "url");
        yield return new("form url: percent-encoded CR LF", () => RawForm("url=https%3A%2F%2Fexample.com%2F%0D%0ALocation:%20https://evil.example"), 400, "url");

        // Wrong JSON types and shapes.
        yield return new("json url: a number", () => Json("""{"url": 12345}"""), 400, "url");
        yield return new("json url: a huge number", () => Json("""{"url": 1e999}"""), 400, "url");
        yield return new("json url: true", () => Json("""{"url": true}"""), 400, "url");
        yield return new("json url: null", () => Json("""{"url": null}"""), 400, "url");
        yield return new("json url: an array", () => Json("""{"url": ["https://example.com/"]}"""), 400, "url");
        yield return new("json url: an object", () => Json("""{"url": {"href": "https://example.com/"}}"""), 400, "url");
        yield return new("json url: missing", () => Json("""{"alias": "no-url-here"}"""), 400, "url");
        yield return new("json url: empty", () => Json("""{"url": ""}"""), 400, "url");
        yield return new("json alias: a number", () => Json("""{"url": "https://example.com/", "alias": 123}"""), 400, "alias");
        yield return new("json alias: false", () => Json("""{"url": "https://example.com/", "alias": false}"""), 400, "alias");
        yield return new("json alias: an array", () => Json("""{"url": "https://example.com/", "alias": ["a", "b"]}"""), 400, "alias");
        yield return new("json alias: an object", () => Json("""{"url": "https://example.com/", "alias": {}}"""), 400, "alias");
        yield return new("json body: empty", () => Json(""), 400);
        yield return new("json body: whitespace", () => Json("   \n "), 400);
        yield return new("json body: null", () => Json("null"), 400);
        yield return new("json body: a string", () => Json("\"https://example.com/\""), 400);
        yield return new("json body: a number", () => Json("42"), 400);
        yield return new("json body: an array", () => Json("""[{"url": "https://example.com/"}]"""), 400);
        yield return new("json body: truncated", () => Json("""{"url": "https://example.com/"""), 400);
        yield return new("json body: unclosed object", () => Json("""{"url": "https://example.com/" """), 400);
        yield return new("json body: single quotes", () => Json("{'url': 'https://example.com/'}"), 400);
        yield return new("json body: unquoted key", () => Json("""{url: "https://example.com/"}"""), 400);
        yield return new("json body: trailing comma", () => Json("""{"url": "https://example.com/",}"""), 400);
        yield return new("json body: comment", () => Json("""/* hi */ {"url": "https://example.com/"}"""), 400);
        yield return new("json body: two objects", () => Json("""{"url": "https://example.com/"}{"url": "https://example.org/"}"""), 400);
        yield return new("json body: form fields sent as JSON", () => Json("url=https%3A%2F%2Fexample.com%2F"), 400);
        yield return new("json body: duplicate url keys", () => Json("""{"url": "https://example.com/", "url": "https://evil.example/"}"""), 400);
        yield return new("json body: duplicate url keys differing in case", () => Json("""{"url": "https://example.com/", "URL": "https://evil.example/"}"""), 400);
        yield return new("json body: duplicate alias keys", () => Json("""{"url": "https://example.com/", "alias": "one-1", "alias": "two-2"}"""), 400);
        yield return new("json body: deeply nested objects", () => Json(string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500)), 400);
        yield return new("json body: deeply nested arrays", () => Json(new string('[', 5000) + new string(']', 5000)), 400);
        yield return new("json body: url nested deep inside", () => Json("{\"url\":" + string.Concat(Enumerable.Repeat("{\"a\":", 64)) + "1" + new string('}', 65)), 400, "url");

        // Broken forms.
        yield return new("form body: empty", () => RawForm(""), 400);
        yield return new("form body: no url field", () => RawForm("alias=lonely"), 400, "url");
        yield return new("form body: url without a value", () => RawForm("url"), 400, "url");
        yield return new("form body: only separators", () => RawForm("&&&==&"), 400, "url");
        yield return new("form body: url given twice", () => RawForm("url=https%3A%2F%2Fexample.com%2F&url=https%3A%2F%2Fevil.example%2F"), 400, "url");
        yield return new("form body: alias given twice", () => RawForm("url=https%3A%2F%2Fexample.com%2F&alias=one-1&alias=two-2"), 400, "alias");
        yield return new("form body: JSON sent as a form", () => RawForm("""{"url": "https://example.com/"}"""), 400, "url");
        yield return new("form body: broken percent-encoding", () => RawForm("url=%zz%"), 400, "url");
        yield return new("form body: too many fields", () => RawForm(string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=1"))), 400);
        yield return new("form body: a field name too long", () => RawForm(new string('k', 3000) + "=1&url=https%3A%2F%2Fexample.com%2F"), 400);

        // Too big: 413 whether or not the size is announced.
        yield return new("json body: 17 KiB", () => Json(JsonSerializer.Serialize(new { url = "https://example.com/" + new string('a', 17 * 1024) })), 413);
        yield return new("json body: 1 MiB", () => Json(JsonSerializer.Serialize(new { url = "https://example.com/", pad = new string(' ', 1024 * 1024) })), 413);
        yield return new("form body: 17 KiB", () => RawForm("url=https%3A%2F%2Fexample.com%2F" + new string('a', 17 * 1024)), 413);
        yield return new("json body: 64 KiB chunked, no length", () => Chunked(Json(JsonSerializer.Serialize(new { url = "https://example.com/" + new string('a', 64 * 1024) }))), 413);
        yield return new("json body: 16 KiB and one byte", () => Json(JsonOfLength(16 * 1024 + 1)), 413);

        // Media types and encodings the endpoint does not take.
        yield return new("media type: none", () => WithContentType(new ByteArrayContent("""{"url":"https://example.com/"}"""u8.ToArray()), null), 415);
        yield return new("media type: text/plain", () => WithContentType(Text("https://example.com/"), "text/plain"), 415);
        yield return new("media type: text/html", () => WithContentType(Text("url=https://example.com/"), "text/html"), 415);
        yield return new("media type: application/xml", () => WithContentType(Text("<url>https://example.com/</url>"), "application/xml"), 415);
        yield return new("media type: multipart/form-data", () => Post(new MultipartFormDataContent { { new StringContent("https://example.com/"), "url" } }), 415);
        yield return new("media type: application/octet-stream", () => WithContentType(Text("https://example.com/"), "application/octet-stream"), 415);
        yield return new("media type: wildcard", () => WithContentType(Text("""{"url":"https://example.com/"}"""), "*/*"), 415);
        yield return new("media type: garbage", () => WithContentType(Text("""{"url":"https://example.com/"}"""), "not a media type"), 415);
        yield return new("media type: form look-alike", () => WithContentType(Text("url=https%3A%2F%2Fexample.com%2F"), "application/x-www-form-urlencodedx"), 415);
        yield return new("media type: json look-alike", () => WithContentType(Text("""{"url":"https://example.com/"}"""), "application/jsonx"), 415);
        yield return new("media type: JSON in UTF-16", () => WithContentType(new ByteArrayContent(Encoding.Unicode.GetBytes("""{"url":"https://example.com/"}""")), "application/json; charset=utf-16"), 415);
        yield return new("media type: JSON in UTF-32", () => WithContentType(new ByteArrayContent(Encoding.UTF32.GetBytes("""{"url":"https://example.com/"}""")), "application/json; charset=utf-32"), 415);
        yield return new("media type: form in Latin-1", () => WithContentType(Text("url=https%3A%2F%2Fexample.com%2F"), "application/x-www-form-urlencoded; charset=iso-8859-1"), 415);
        yield return new("content encoding: gzip", () => WithHeader(Json("""{"url":"https://example.com/"}"""), "Content-Encoding", "gzip"), 415);
        yield return new("content encoding: br", () => WithHeader(Json("""{"url":"https://example.com/"}"""), "Content-Encoding", "br"), 415);
        yield return new("content encoding: deflate after identity", () => WithHeader(Json("""{"url":"https://example.com/"}"""), "Content-Encoding", "identity, deflate"), 415);

        // Code paths: traversal, encoding tricks, scanners' favourites. None is a link; all are 404 problems. (Paths
        // with an encoded NUL, and dot segments, which HttpClient would rewrite, go over a raw socket in RequestLimitTests.)
        foreach (var path in new[]
        {
            "/..%2f", "/..%2F..%2Fetc%2Fpasswd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/abc%0d%0aSet-Cookie:%20x=1",
            "/abc%2Fdef", "/abc%252e", "/%c0%ae%c0%ae/", "/abc.php", "/.env", "/.git/config", "/wp-login.php", "/cgi-bin/test.cgi",
            "/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/'%20OR%20'1'='1", "/abc;jsessionid=1", "/%EF%BC%A1%EF%BC%A2%EF%BC%A3", "/abc%E2%80%8B",
            "/abc%E2%80%AE", "/" + new string('a', 65), "/" + new string('b', 5000), "/api/urls/..%2F..%2Fhealth",
            "/api/urls/%3Cscript%3E", "/api/urls/x'%20OR%201=1--", "/api/urls/" + new string('c', 65),
        })
        {
            yield return new($"path: {path[..Math.Min(path.Length, 60)]}{(path.Length > 60 ? $"... ({path.Length} characters)" : "")}",
                () => new HttpRequestMessage(HttpMethod.Get, path), 404);
        }

        // Query strings.
        foreach (var limit in new[] { "0", "-1", "101", "99999999999999999999", "1e2", "0x10", "abc", "", "%00", "1;DROP%20TABLE%20urls", "1%0d%0a", "5&limit=6", "NaN", "%E2%80%8B5", "%2B5", "%205", "%D9%A5" })
        {
            yield return new($"query: recent limit={limit}", () => new HttpRequestMessage(HttpMethod.Get, "/api/urls/recent?limit=" + limit), 400, "limit");
        }

        // Methods the API does not have.
        foreach (var method in new[] { "PUT", "DELETE", "PATCH", "TRACE" })
        {
            yield return new($"method: {method} /api/urls", () => new HttpRequestMessage(new HttpMethod(method), "/api/urls") { Content = Json("""{"url":"https://example.com/"}""").Content }, 405);
        }

        // Headers that try to change what the request means.
        yield return new("header: X-HTTP-Method-Override on an empty POST", () => WithHeader(RawForm(""), "X-HTTP-Method-Override", "GET"), 400);
        yield return new("header: X-Forwarded-Host from an untrusted client makes no self-link pass", () =>
            WithHeader(Json("""{"url":"http://localhost/abc1234"}"""), "X-Forwarded-Host", "innocent.example"), 400, "url");
        yield return new("header: Host of another name makes a link to it a loop", () =>
        {
            var request = Json("""{"url":"http://other-name.example/abc1234"}""");
            request.Headers.Host = "other-name.example";
            return request;
        }, 400, "url");
        yield return new("header: Accept text/plain still gets a problem", () => WithHeader(Json("""{"url":"javascript:alert(1)"}"""), "Accept", "text/plain"), 400, "url");
    }

    private static HttpRequestMessage Post(HttpContent content) => new(HttpMethod.Post, "/api/urls") { Content = content };

    private static HttpRequestMessage Json(string json) => Post(new StringContent(json, Encoding.UTF8, "application/json"));

    private static HttpRequestMessage Form(IEnumerable<KeyValuePair<string, string>> fields) => Post(new FormUrlEncodedContent(fields));

    private static HttpRequestMessage RawForm(string body) => Post(new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

    /// <summary>A body of exactly these bytes: each char of <paramref name="latin1"/> is one byte.</summary>
    private static HttpRequestMessage Bytes(string mediaType, string latin1) =>
        WithContentType(new ByteArrayContent(Encoding.Latin1.GetBytes(latin1)), mediaType);

    /// <summary>A valid create body padded with an ignored member to exactly <paramref name="bytes"/> bytes.</summary>
    private static string JsonOfLength(int bytes)
    {
        const string prefix = "{\"url\":\"https://example.com/\",\"pad\":\"";
        return prefix + new string('a', bytes - prefix.Length - 2) + "\"}";
    }

    private static ByteArrayContent Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static HttpRequestMessage WithContentType(HttpContent content, string? mediaType)
    {
        if (mediaType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }

        return Post(content);
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        if (!request.Headers.TryAddWithoutValidation(name, value))
        {
            request.Content!.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static HttpRequestMessage Chunked(HttpRequestMessage request)
    {
        var bytes = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        request.Content = new StreamContent(new UnknownLengthStream(bytes));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    /// <summary>A body whose length is not known up front, as a client streaming it would send.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
