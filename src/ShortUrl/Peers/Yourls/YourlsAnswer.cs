using System.Text.Json;
using System.Xml;

namespace ShortUrl.Peers.Yourls;

/// <summary>
/// A YOURLS API answer: its members in YOURLS's order (values are text, numbers or nested answers), the HTTP status
/// YOURLS sends with it, and what <c>format=simple</c> prints; written as JSON, JSONP, XML or plain text.
/// </summary>
internal sealed class YourlsAnswer : IResult
{
    private readonly List<(string Name, object? Value)> _members = [];

    public int Status { get; private set; } = StatusCodes.Status200OK;

    /// <summary>What <c>format=simple</c> answers; the message when unset.</summary>
    public string? Simple { get; private set; }

    public string Format { get; set; } = "xml";

    public string? Callback { get; set; }

    public YourlsAnswer Add(string name, object? value)
    {
        _members.Add((name, value));
        return this;
    }

    public YourlsAnswer WithStatus(int status)
    {
        Status = status;
        return this;
    }

    public YourlsAnswer WithSimple(string? simple)
    {
        Simple = simple;
        return this;
    }

    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        string body;
        switch (Format)
        {
            case "json":
                response.ContentType = "application/json; charset=utf-8";
                body = Json();
                break;
            case "jsonp":
                response.ContentType = "application/javascript; charset=utf-8";
                body = $"{Callback}({Json()})";
                break;
            case "simple":
                response.ContentType = "text/plain; charset=utf-8";
                body = Simple ?? _members.FirstOrDefault(m => m.Name == "message").Value?.ToString() ?? "";
                break;
            default:
                response.ContentType = "application/xml; charset=utf-8";
                body = Xml();
                break;
        }

        await response.WriteAsync(body, Encoding.UTF8);
    }

    private string Json()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(writer, this);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, YourlsAnswer answer)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in answer._members)
        {
            writer.WritePropertyName(name);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case YourlsAnswer nested:
                    WriteJson(writer, nested);
                    break;
                case long number:
                    writer.WriteNumberValue(number);
                    break;
                case int number:
                    writer.WriteNumberValue(number);
                    break;
                default:
                    writer.WriteStringValue(value.ToString());
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private string Xml()
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Encoding = Encoding.UTF8, OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("result");
            WriteXml(writer, this);
            writer.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text;
    }

    private static void WriteXml(XmlWriter writer, YourlsAnswer answer)
    {
        foreach (var (name, value) in answer._members)
        {
            writer.WriteStartElement(XmlConvert.EncodeLocalName(name));
            if (value is YourlsAnswer nested)
            {
                WriteXml(writer, nested);
            }
            else if (value is not null)
            {
                writer.WriteString(value.ToString());
            }

            writer.WriteEndElement();
        }
    }
}
