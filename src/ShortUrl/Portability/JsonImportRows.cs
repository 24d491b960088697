using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
namespace ShortUrl.Portability;

/// <summary>
/// The rows of a JSON import: an array read one element at a time, stopped at the first element past the row limit, each
/// element read by the create's own reader so that a row is refused in the words a create would use.
/// </summary>
internal static class JsonImportRows
{
    // JSON's white space, and the bytes of a UTF-8 byte order mark, which may come before the first value.
    private static readonly byte[] Blank = [(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', 0xEF, 0xBB, 0xBF];

    // Rows are read one element at a time; each is then read as a create body by the create's own reader.
    private static readonly ImportJsonContext Json = new(new JsonSerializerOptions { MaxDepth = 8 });

    public static async Task<BodyRead<List<ImportRow>>> ReadAsync(Stream body, int maxRows, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        if (!await StartsWithArrayAsync(reader, cancellationToken))
        {
            return BodyProblem.Invalid("Invalid JSON",
                "The file must be a JSON array of links like [{\"url\": \"https://example.com\", \"alias\": \"docs\"}], so nothing was imported.");
        }

        await using var json = reader.AsStream();
        var rows = new List<ImportRow>();
        try
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable(json, Json.JsonElement, cancellationToken))
            {
                if (rows.Count == maxRows)
                {
                    return ImportReader.TooManyRows(maxRows);
                }

                rows.Add(JsonRow(rows.Count + 1, element));
            }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            return BodyProblem.Invalid("Invalid JSON",
                $"The file is not valid JSON{where}, so nothing was imported. Send an array of objects like {{\"url\": \"https://example.com\", \"alias\": \"docs\"}}.");
        }

        return rows;
    }

    /// <summary>
    /// Whether the body's first value opens an array. The streaming reader reads a <c>null</c> body as no rows at all, so
    /// this looks first, without consuming what it looks at (unless a whole buffer is white space).
    /// </summary>
    private static async Task<bool> StartsWithArrayAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var sequence = new SequenceReader<byte>(buffer);
            sequence.AdvancePastAny(Blank);
            if (sequence.TryPeek(out var first))
            {
                reader.AdvanceTo(buffer.Start, sequence.Position);
                return first == (byte)'[';
            }

            reader.AdvanceTo(buffer.End);
            if (read.IsCompleted)
            {
                return false;
            }
        }
    }

    /// <summary>One element read exactly as a create body is, so that a row is refused with the words a create would use.</summary>
    private static ImportRow JsonRow(int row, JsonElement element)
    {
        if (!StrictJson.IsReadable(element))
        {
            return new ImportRow(row, null, "The row holds a string that is not valid Unicode: half of a surrogate pair.");
        }

        var read = CreateRequestReader.ParseJson(CreateBody(element));
        var hadPassword = element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("hasPassword", out var flag) && flag.ValueKind == JsonValueKind.True;
        return read.Value is { } link
            ? new ImportRow(row, link, HadPassword: hadPassword)
            : new ImportRow(row, null, ImportRow.Reason(read.Problem!.Field, read.Problem.Detail));
    }

    /// <summary>
    /// The element as a create body. The JSON export names a link's code <c>code</c>, where a create names it
    /// <c>alias</c>: a row with a <c>code</c> and no <c>alias</c> keeps that code, as a row of the CSV export does.
    /// </summary>
    private static byte[] CreateBody(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || FindMember(element, "code") is not { ValueKind: JsonValueKind.String } code
            || FindMember(element, "alias") is not null)
        {
            return Encoding.UTF8.GetBytes(element.GetRawText());
        }

        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            foreach (var member in element.EnumerateObject())
            {
                member.WriteTo(writer);
            }

            writer.WritePropertyName("alias");
            code.WriteTo(writer);
            writer.WriteEndObject();
        }

        return body.WrittenSpan.ToArray();
    }

    /// <summary>The member of that name in any letter case, as the create's reader matches names; null when there is none.</summary>
    private static JsonElement? FindMember(JsonElement element, string name)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return member.Value;
            }
        }

        return null;
    }
}

/// <summary>The one type the import reads with the serializer itself: each row as it stands, read on as a create body.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ImportJsonContext : JsonSerializerContext;
