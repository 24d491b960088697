using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Kit;

/// <summary>Imports as the portability tests make them: a raw body of a given media type.</summary>
public static class ImportRequests
{
    /// <summary>Posts <paramref name="body"/> to the import exactly as written.</summary>
    public static Task<HttpResponseMessage> PostImportAsync(this HttpClient client, string body, string mediaType) =>
        client.PostAsync("/api/urls/import", new StringContent(body, Encoding.UTF8, mediaType));

    /// <summary>Imports <paramref name="body"/>, asserting 200, and returns the report.</summary>
    public static async Task<JsonElement> ImportAsync(this HttpClient client, string body, string mediaType)
    {
        var response = await client.PostImportAsync(body, mediaType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The report's row for the record on <paramref name="row"/> (a CSV line, or a JSON element from 1).</summary>
    public static JsonElement Row(this JsonElement report, int row) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == row);
}
