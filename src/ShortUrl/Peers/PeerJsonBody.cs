using System.Text.Json;

namespace ShortUrl.Peers;

/// <summary>
/// A peer's JSON body (an object of optional members), remembering which members were sent at all, so that an edit
/// changes only those. Values are not checked here beyond their JSON type: the native rules check them.
/// </summary>
internal sealed class PeerJsonBody
{
    private readonly Dictionary<string, JsonElement> _members;

    private PeerJsonBody(Dictionary<string, JsonElement> members) => _members = members;

    public bool Has(string name) => _members.ContainsKey(name);

    /// <summary>How reading a body can fail.</summary>
    public enum Failure { None, TooLarge, Malformed }

    /// <summary>The body (an empty one is an object without members), or why it could not be read.</summary>
    public static async Task<(PeerJsonBody? Body, Failure Failure)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await BoundedBody.ReadAllAsync(request, cancellationToken) is not { } body)
        {
            return (null, Failure.TooLarge);
        }

        if (body.Length == 0)
        {
            return (new PeerJsonBody([]), Failure.None);
        }

        try
        {
            using var document = StrictJson.Parse(body, maxDepth: 16);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Failure.Malformed);
            }

            var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                members[member.Name] = member.Value.Clone();
            }

            return (new PeerJsonBody(members), Failure.None);
        }
        catch (JsonException)
        {
            return (null, Failure.Malformed);
        }
    }

    /// <summary>The body, or the peer's answer (<paramref name="problemOf"/>) to why it could not be read.</summary>
    public static Task<(PeerJsonBody? Body, TProblem? Problem)> ReadAsync<TProblem>(
        HttpRequest request, Func<Failure, TProblem> problemOf, CancellationToken cancellationToken)
        where TProblem : class =>
        ReadAsync(request, problemOf, body => body, cancellationToken);

    /// <summary>What <paramref name="read"/> makes of the body, or the peer's answer (<paramref name="problemOf"/>) to why it could not be read.</summary>
    public static async Task<(T? Value, TProblem? Problem)> ReadAsync<T, TProblem>(
        HttpRequest request, Func<Failure, TProblem> problemOf, Func<PeerJsonBody, T> read, CancellationToken cancellationToken)
        where T : class
        where TProblem : class
    {
        var (body, failure) = await ReadAsync(request, cancellationToken);
        return body is null ? (null, problemOf(failure)) : (read(body), null);
    }

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
}
