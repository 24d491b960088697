using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ShortUrl.Hosting;

namespace ShortUrl.Peers.Shlink;

/// <summary>
/// A Shlink create or edit body, read as Shlink reads it (JSON; every member optional but <c>longUrl</c> on a create),
/// remembering which members were sent at all, so that an edit changes only those. Values are not checked here beyond
/// their JSON type: the native rules check them.
/// </summary>
internal sealed class ShlinkShortUrlInput
{
    private readonly Dictionary<string, JsonElement> _members;

    private ShlinkShortUrlInput(Dictionary<string, JsonElement> members) => _members = members;

    public bool Has(string name) => _members.ContainsKey(name);

    /// <summary>The body, or the problem with it in Shlink's words.</summary>
    public static async Task<(ShlinkShortUrlInput? Input, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await BoundedBody.ReadAllAsync(request, cancellationToken) is not { } body)
        {
            return (null, TypedResults.Problem($"The body is larger than {BoundedBody.MaxBytes / 1024} KiB.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large"));
        }

        if (body.Length == 0)
        {
            return (new ShlinkShortUrlInput([]), null);
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, MalformedBody());
            }

            var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                members[member.Name] = member.Value.Clone();
            }

            return (new ShlinkShortUrlInput(members), null);
        }
        catch (JsonException)
        {
            return (null, MalformedBody());
        }
    }

    /// <summary>Shlink's answer to a body that is not a JSON object.</summary>
    public static ProblemHttpResult MalformedBody() => ShlinkProblems.InvalidData("body");

    /// <summary>A string member; <paramref name="ok"/> false when it is there but neither a string nor null.</summary>
    public string? String(string name, out bool ok)
    {
        ok = true;
        if (!_members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        ok = value.ValueKind == JsonValueKind.String;
        return ok ? value.GetString() : null;
    }

    public long? Long(string name, out bool ok)
    {
        ok = true;
        if (!_members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        // Shlink's forms post numbers as strings too.
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out number))
        {
            return number;
        }

        ok = false;
        return null;
    }

    public bool? Bool(string name, out bool ok)
    {
        ok = true;
        if (!_members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        ok = value.ValueKind is JsonValueKind.True or JsonValueKind.False;
        return ok ? value.GetBoolean() : null;
    }

    public string?[]? Strings(string name, out bool ok)
    {
        ok = true;
        if (!_members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            ok = false;
            return null;
        }

        return value.EnumerateArray().Select(item => item.GetString()).ToArray();
    }

    public JsonElement? Element(string name) => _members.TryGetValue(name, out var value) ? value : null;

    /// <summary>Shlink's name for a field of the native rules.</summary>
    public static string ShlinkField(string field) => field switch
    {
        "url" => "longUrl",
        "alias" => "customSlug",
        "expiresAt" => "validUntil",
        "maxClicks" => "maxVisits",
        "rules" => "redirectRules",
        _ => field,
    };
}
