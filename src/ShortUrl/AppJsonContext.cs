using System.Text.Json;
using System.Text.Json.Serialization;
using ShortUrl.Analytics;
using ShortUrl.Links;
using ShortUrl.Portability;

namespace ShortUrl;

/// <summary>Source-generated JSON for the API's own types: no reflection at run time, camelCase like the contract.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateLinkRequest))]
[JsonSerializable(typeof(LinkResponse))]
[JsonSerializable(typeof(List<LinkResponse>))]
[JsonSerializable(typeof(List<CreateLinkRequest>))]
[JsonSerializable(typeof(LinkStats))]
[JsonSerializable(typeof(ImportReport))]
[JsonSerializable(typeof(IAsyncEnumerable<ExportedLinkResponse>))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
