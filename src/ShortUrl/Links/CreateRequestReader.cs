using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ShortUrl.Links;

/// <summary>
/// Reads a create body, JSON or form-encoded, at most <see cref="BoundedBody.MaxBytes"/> long. Everything that can go
/// wrong with a body becomes a problem with a 4xx status here, so the endpoint never sees an exception.
/// </summary>
internal static class CreateRequestReader
{
    private static readonly JsonSerializerOptions JsonOptions = new(AppJsonContext.Default.Options)
    {
        AllowDuplicateProperties = false,
        MaxDepth = 8,
    };

    public static async Task<BodyRead<CreateLinkRequest>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var format = FormatOf(request);
        if (format is BodyFormat.Unsupported)
        {
            return BodyProblem.Unsupported("Unsupported media type",
                "Send the link as UTF-8 JSON (application/json) or as form fields (application/x-www-form-urlencoded).");
        }

        if (request.Headers.ContentEncoding.Any(coding => !"identity".Equals(coding, StringComparison.OrdinalIgnoreCase)))
        {
            return BodyProblem.Unsupported("Unsupported content encoding",
                "Send the body uncompressed; a link is too small for Content-Encoding to help.");
        }

        if (await BoundedBody.ReadAllAsync(request, cancellationToken) is not { } body)
        {
            return BodyProblem.TooLarge("Body too large", $"The body is larger than {BoundedBody.MaxBytes / 1024} KiB; a link needs far less.");
        }

        if (body.Length == 0)
        {
            return BodyProblem.Invalid("Empty body", "The request has no body; send at least a url.", "url");
        }

        return format is BodyFormat.Json ? ParseJson(body) : ParseForm(body);
    }
    /// <summary>One create body as JSON; also each row of a JSON import, so that a row is read as a create body is.</summary>
    internal static BodyRead<CreateLinkRequest> ParseJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(body, JsonOptions.GetTypeInfo(typeof(CreateLinkRequest)));
            return parsed is CreateLinkRequest request ? request : NotAnObject();
        }
        catch (JsonException e) when (e.Path == "$" && e.InnerException is null)
        {
            // Valid JSON of another kind than an object (an array, a string, a number). JSON that is not valid comes
            // with the reader's own exception inside.
            return NotAnObject();
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            var detail = field switch
            {
                null => $"The body is not valid JSON{where}. Send an object like {{\"url\": \"https://example.com\"}}.",
                "maxClicks" => $"'maxClicks' must be a whole number{where}.",
                "tags" => $"'tags' must be an array of strings, like [\"news\", \"2026\"]{where}.",
                "forwardQuery" => $"'forwardQuery' must be true or false{where}.",
                "rules" => $"'rules' must be an array of rules like {{\"url\": \"https://example.com/ios\", \"conditions\": [{{\"type\": \"device\", \"value\": \"ios\"}}]}}{where}.",
                _ => $"'{field}' must be a single JSON string{where}.",
            };
            return BodyProblem.Invalid("Invalid JSON", detail, field);
        }
    }

    private static BodyProblem NotAnObject() =>
        BodyProblem.Invalid("Invalid JSON", "The body must be a JSON object like {\"url\": \"https://example.com\"}.");

    private static BodyRead<CreateLinkRequest> ParseForm(byte[] body)
    {
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields;
        try
        {
            fields = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
        }
        catch (InvalidDataException e)
        {
            return BodyProblem.Invalid("Invalid form", e.Message);
        }

        foreach (var name in new[] { "url", "alias", "expiresAt", "maxClicks", "password", "title", "forwardQuery" })
        {
            if (fields.TryGetValue(name, out var values) && values.Count > 1)
            {
                return BodyProblem.Invalid("Invalid form", $"'{name}' was given {values.Count} times; give it once.", name);
            }
        }

        if (LinkRulesInput.ParseMaxClicks(Single(fields, "maxClicks"), out var maxClicks) is { } limitProblem)
        {
            return BodyProblem.Invalid("Invalid form", limitProblem, "maxClicks");
        }

        if (ParseForwardQuery(Single(fields, "forwardQuery"), out var forwardQuery) is { } forwardProblem)
        {
            return BodyProblem.Invalid("Invalid form", forwardProblem, "forwardQuery");
        }

        return new CreateLinkRequest(Single(fields, "url"), Single(fields, "alias"), Single(fields, "expiresAt"), maxClicks, Single(fields, "password"))
        {
            Title = Single(fields, "title"),
            Tags = FormTags(fields),
            ForwardQuery = forwardQuery,
        };
    }

    /// <summary>forwardQuery written as text (a form field, a CSV column): true or false (also 1/0, on/off); empty is the default.</summary>
    /// <returns>Why it is neither, or null.</returns>
    internal static string? ParseForwardQuery(string? text, out bool? forwardQuery)
    {
        forwardQuery = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "true" or "1" or "on" or "yes":
                forwardQuery = true;
                return null;
            case "false" or "0" or "off" or "no":
                forwardQuery = false;
                return null;
            default:
                return "'forwardQuery' must be true or false.";
        }
    }

    private static string? Single(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields, string name) =>
        fields.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>Tags in a form: repeated <c>tags</c> fields, or one holding them separated by commas (or both); blanks skipped.</summary>
    private static string?[]? FormTags(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields) =>
        fields.TryGetValue("tags", out var values)
            ? [.. values.SelectMany(value => (value ?? "").Split(',')).Where(tag => !string.IsNullOrWhiteSpace(tag))]
            : null;

    private static string? FieldOf(string? jsonPath) => jsonPath switch
    {
        null or "$" => null,
        _ when jsonPath.StartsWith("$.url", StringComparison.OrdinalIgnoreCase) => "url",
        _ when jsonPath.StartsWith("$.alias", StringComparison.OrdinalIgnoreCase) => "alias",
        _ when jsonPath.StartsWith("$.expiresAt", StringComparison.OrdinalIgnoreCase) => "expiresAt",
        _ when jsonPath.StartsWith("$.maxClicks", StringComparison.OrdinalIgnoreCase) => "maxClicks",
        _ when jsonPath.StartsWith("$.password", StringComparison.OrdinalIgnoreCase) => "password",
        _ when jsonPath.StartsWith("$.title", StringComparison.OrdinalIgnoreCase) => "title",
        _ when jsonPath.StartsWith("$.tags", StringComparison.OrdinalIgnoreCase) => "tags",
        _ when jsonPath.StartsWith("$.forwardQuery", StringComparison.OrdinalIgnoreCase) => "forwardQuery",
        _ when jsonPath.StartsWith("$.rules", StringComparison.OrdinalIgnoreCase) => "rules",
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
}
