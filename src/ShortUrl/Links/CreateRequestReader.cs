using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ShortUrl.Hosting;

namespace ShortUrl.Links;

/// <summary>
/// Reads a create body, JSON or form-encoded, at most <see cref="MaxBodyBytes"/> long. Everything that can go
/// wrong with a body becomes a problem with a 4xx status here, so the endpoint never sees an exception.
/// </summary>
public static class CreateRequestReader
{
    public const int MaxBodyBytes = 16 * 1024;

    // Kestrel counts a chunked body's framing (each chunk's size line and line breaks) towards its limit, which would
    // refuse a body of exactly MaxBodyBytes sent in chunks: it gets room for that, and ReadBoundedAsync holds the body
    // itself to MaxBodyBytes.
    private const int ChunkFramingBytes = 4 * 1024;

    private static readonly JsonSerializerOptions JsonOptions = new(AppJsonContext.Default.Options)
    {
        AllowDuplicateProperties = false,
        MaxDepth = 8,
    };

    public readonly record struct Outcome(CreateLinkRequest? Request, int Status, string Title, string Detail, string? Field);

    public static async Task<Outcome> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var format = FormatOf(request);
        if (format is BodyFormat.Unsupported)
        {
            return Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the link as UTF-8 JSON (application/json) or as form fields (application/x-www-form-urlencoded).");
        }

        if (request.Headers.ContentEncoding.Any(coding => !"identity".Equals(coding, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported content encoding",
                "Send the body uncompressed; a link is too small for Content-Encoding to help.");
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return TooLarge();
        }

        if (body.Length == 0)
        {
            return Fail(StatusCodes.Status400BadRequest, "Empty body", "The request has no body; send at least a url.", "url");
        }

        return format is BodyFormat.Json ? ParseJson(body) : ParseForm(body);
    }

    private static Outcome ParseJson(byte[] body)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(body, JsonOptions.GetTypeInfo(typeof(CreateLinkRequest)));
            return parsed is CreateLinkRequest request
                ? new Outcome(request, 0, "", "", null)
                : Fail(StatusCodes.Status400BadRequest, "Invalid JSON", "The body must be a JSON object like {\"url\": \"https://example.com\"}.", null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            var detail = field switch
            {
                null => $"The body is not valid JSON{where}. Send an object like {{\"url\": \"https://example.com\"}}.",
                "maxClicks" => $"'maxClicks' must be a whole number{where}.",
                _ => $"'{field}' must be a single JSON string{where}.",
            };
            return Fail(StatusCodes.Status400BadRequest, "Invalid JSON", detail, field);
        }
    }

    private static Outcome ParseForm(byte[] body)
    {
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields;
        try
        {
            fields = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
        }
        catch (InvalidDataException e)
        {
            return Fail(StatusCodes.Status400BadRequest, "Invalid form", e.Message, null);
        }

        foreach (var name in new[] { "url", "alias", "expiresAt", "maxClicks", "password" })
        {
            if (fields.TryGetValue(name, out var values) && values.Count > 1)
            {
                return Fail(StatusCodes.Status400BadRequest, "Invalid form", $"'{name}' was given {values.Count} times; give it once.", name);
            }
        }

        long? maxClicks = null;
        if (Single(fields, "maxClicks") is { Length: > 0 } limit)
        {
            if (!long.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Fail(StatusCodes.Status400BadRequest, "Invalid form", "'maxClicks' must be a whole number.", "maxClicks");
            }

            maxClicks = parsed;
        }

        return new Outcome(
            new CreateLinkRequest(Single(fields, "url"), Single(fields, "alias"), Single(fields, "expiresAt"), maxClicks, Single(fields, "password")),
            0, "", "", null);
    }

    private static string? Single(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields, string name) =>
        fields.TryGetValue(name, out var values) ? values.ToString() : null;

    private static string? FieldOf(string? jsonPath) => jsonPath switch
    {
        null or "$" => null,
        _ when jsonPath.StartsWith("$.url", StringComparison.OrdinalIgnoreCase) => "url",
        _ when jsonPath.StartsWith("$.alias", StringComparison.OrdinalIgnoreCase) => "alias",
        _ when jsonPath.StartsWith("$.expiresAt", StringComparison.OrdinalIgnoreCase) => "expiresAt",
        _ when jsonPath.StartsWith("$.maxClicks", StringComparison.OrdinalIgnoreCase) => "maxClicks",
        _ when jsonPath.StartsWith("$.password", StringComparison.OrdinalIgnoreCase) => "password",
        _ => null,
    };

    private enum BodyFormat { Unsupported, Json, Form }

    /// <summary>JSON (<c>application/json</c> or <c>+json</c>) or a URL-encoded form, in UTF-8; anything else is unsupported.</summary>
    private static BodyFormat FormatOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return BodyFormat.Unsupported;
        }

        var charset = HeaderUtilities.RemoveQuotes(type.Charset);
        if (charset.Length > 0 && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return BodyFormat.Unsupported;
        }

        if (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return BodyFormat.Form;
        }

        return request.HasJsonContentType() ? BodyFormat.Json : BodyFormat.Unsupported;
    }

    /// <summary>The whole body, or null when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = MaxBodyBytes + ChunkFramingBytes;
        }

        try
        {
            return await ReadBoundedAsync(request.Body, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        catch (BodyTooLargeException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new BodyTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Outcome TooLarge() => Fail(StatusCodes.Status413PayloadTooLarge, "Body too large",
        $"The body is larger than {MaxBodyBytes / 1024} KiB; a link needs far less.");

    private static Outcome Fail(int status, string title, string detail, string? field = null) =>
        new(null, status, title, detail, field);

    private sealed class BodyTooLargeException : Exception;
}
