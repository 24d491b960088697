using System.Text.Json;
using System.Text.Json.Serialization;
using ShortUrl.Links;

namespace ShortUrl;

/// <summary>Source-generated JSON for the API's own types: no reflection at run time, camelCase like the contract.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateLinkRequest))]
[JsonSerializable(typeof(LinkResponse))]
[JsonSerializable(typeof(List<LinkResponse>))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
