using System.Text.Json;

namespace ShortUrl.Storage;

/// <summary>A link's tags as SQLite passes them to and from its statements: a JSON array of names, which json_each reads.</summary>
internal static class TagNames
{
    public static string ToJson(IReadOnlyList<string> tags)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var tag in tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <returns>The names in the array, in its order; empty for null or an empty array.</returns>
    public static string[] FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "[]")
        {
            return [];
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var names = new List<string>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                names.Add(reader.GetString()!);
            }
        }

        return [.. names];
    }
}
