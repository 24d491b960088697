using System.Text.Json;
namespace ShortUrl.Hosting;

/// <summary>
/// Parses a JSON body into a document whose every name and string can be read. JSON's grammar lets a string escape
/// half of a UTF-16 surrogate pair (<c>"\ud800"</c>): <see cref="JsonDocument"/> accepts it, and reading it later
/// throws an <see cref="InvalidOperationException"/>, a 500. Here such a body is a <see cref="JsonException"/> like any
/// other malformed one, which every reader already answers with a 400. An import checks each JSON row the same way
/// (<see cref="IsReadable"/>) and rejects a row that fails.
/// </summary>
internal static class StrictJson
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> body, int maxDepth)
    {
        var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
        if (IsReadable(document.RootElement))
        {
            return document;
        }

        document.Dispose();
        throw new JsonException("The body holds a string that is not valid Unicode: half of a surrogate pair.");
    }

    /// <summary>Whether every name and string in <paramref name="element"/> can be read.</summary>
    public static bool IsReadable(JsonElement element)
    {
        try
        {
            EnsureReadable(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void EnsureReadable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    EnsureReadable(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    EnsureReadable(member.Value);
                }

                break;
        }
    }
}
