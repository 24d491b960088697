using System.Text.Json;
namespace ShortUrl.Links;

/// <summary>
/// Reads the body of <c>PATCH /api/urls/{code}</c>, a JSON merge patch (RFC 7396) of a link: a field left out stays
/// as it is, a field set to null is cleared. Everything wrong with it becomes a 4xx problem here.
/// </summary>
internal static class LinkEditReader
{
    public static readonly string[] Fields = ["url", "expiresAt", "maxClicks", "password", "title", "tags", "forwardQuery", "rules"];

    public static async Task<BodyRead<LinkEdit>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType() && request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return BodyProblem.Unsupported("Unsupported media type",
                "Send the changes as JSON (application/json or application/merge-patch+json).");
        }

        if (await BoundedBody.ReadAllAsync(request, cancellationToken) is not { } body)
        {
            return BodyProblem.TooLarge("Body too large", $"The body is larger than {BoundedBody.MaxBytes / 1024} KiB; an edit needs far less.");
        }

        JsonDocument document;
        try
        {
            document = StrictJson.Parse(body, maxDepth: 8);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return Invalid(null, $"The body is not valid JSON{where}. Send an object like {{\"url\": \"https://example.com\"}}.");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static BodyRead<LinkEdit> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(null, "The body must be a JSON object of the fields to change, like {\"maxClicks\": 100}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                return Invalid(property.Name, $"'{property.Name}' cannot be changed; a link's {string.Join(", ", Fields)} can.");
            }

            if (!seen.Add(property.Name))
            {
                return Invalid(property.Name, $"'{property.Name}' is given twice; give it once.");
            }
        }

        if (root.TryGetProperty("url", out var url) && url.ValueKind != JsonValueKind.String)
        {
            return Invalid("url", "'url' must be a string: a link always has a target.");
        }

        if (root.TryGetProperty("maxClicks", out var maxClicks)
            && maxClicks.ValueKind != JsonValueKind.Null
            && (maxClicks.ValueKind != JsonValueKind.Number || !maxClicks.TryGetInt64(out _)))
        {
            return Invalid("maxClicks", "'maxClicks' must be a whole number, or null for no limit.");
        }

        if (root.TryGetProperty("tags", out var tags) && !IsTagList(tags))
        {
            return Invalid("tags", "'tags' must be an array of strings (it replaces the link's tags), or null to remove them all.");
        }

        if (root.TryGetProperty("forwardQuery", out var forwardQuery) && forwardQuery.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Invalid("forwardQuery", "'forwardQuery' must be true or false.");
        }

        RedirectRuleRequest?[]? rules = null;
        if (root.TryGetProperty("rules", out var givenRules) && givenRules.ValueKind != JsonValueKind.Null)
        {
            if (givenRules.ValueKind != JsonValueKind.Array)
            {
                return Invalid("rules", "'rules' must be an array of rules (it replaces the link's rules), or null to remove them all.");
            }

            try
            {
                rules = givenRules.Deserialize(AppJsonContext.Default.RedirectRuleRequestArray);
            }
            catch (JsonException)
            {
                return Invalid("rules", "Each rule must be an object like {\"url\": \"https://example.com/ios\", \"conditions\": "
                    + "[{\"type\": \"device\", \"value\": \"ios\"}]}, its conditions objects of strings.");
            }
        }

        foreach (var field in new[] { "expiresAt", "password", "title" })
        {
            if (root.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return Invalid(field, $"'{field}' must be a string, or null to remove it.");
            }
        }

        return new LinkEdit(
            TextChange(root, "url"),
            TextChange(root, "expiresAt"),
            root.TryGetProperty("maxClicks", out var limit)
                ? FieldChange<long?>.To(limit.ValueKind == JsonValueKind.Null ? null : limit.GetInt64())
                : FieldChange<long?>.Unchanged,
            TextChange(root, "password"))
        {
            Title = TextChange(root, "title"),
            Tags = root.TryGetProperty("tags", out var given)
                ? FieldChange<IReadOnlyList<string?>?>.To(given.ValueKind == JsonValueKind.Null ? null : [.. given.EnumerateArray().Select(t => t.GetString())])
                : FieldChange<IReadOnlyList<string?>?>.Unchanged,
            ForwardQuery = root.TryGetProperty("forwardQuery", out var forward)
                ? FieldChange<bool>.To(forward.GetBoolean())
                : FieldChange<bool>.Unchanged,
            Rules = root.TryGetProperty("rules", out _)
                ? FieldChange<IReadOnlyList<RedirectRuleRequest?>?>.To(rules)
                : FieldChange<IReadOnlyList<RedirectRuleRequest?>?>.Unchanged,
        };
    }

    private static bool IsTagList(JsonElement tags) =>
        tags.ValueKind == JsonValueKind.Null
        || (tags.ValueKind == JsonValueKind.Array && tags.EnumerateArray().All(tag => tag.ValueKind == JsonValueKind.String));

    private static FieldChange<string?> TextChange(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) ? FieldChange<string?>.To(value.GetString()) : FieldChange<string?>.Unchanged;

    private static BodyProblem Invalid(string? field, string detail) =>
        BodyProblem.Invalid(field is null ? "Invalid JSON" : "Invalid input", detail, field);
}
