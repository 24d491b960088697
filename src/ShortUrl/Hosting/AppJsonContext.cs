using System.Text.Json;
using System.Text.Json.Serialization;
using ShortUrl.Portability;
using ShortUrl.Stats;
using ShortUrl.Tags;
namespace ShortUrl.Hosting;

/// <summary>Source-generated JSON for the API's own types: no reflection at run time, camelCase like the contract.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AccessResponse))]
[JsonSerializable(typeof(CreateLinkRequest))]
[JsonSerializable(typeof(LinkResponse))]
[JsonSerializable(typeof(List<LinkResponse>))]
[JsonSerializable(typeof(LinkSearchResponse))]
[JsonSerializable(typeof(List<CreateLinkRequest>))]
[JsonSerializable(typeof(LinkStats))]
[JsonSerializable(typeof(ImportReport))]
[JsonSerializable(typeof(IAsyncEnumerable<ExportedLinkResponse>))]
[JsonSerializable(typeof(List<TagResponse>))]
[JsonSerializable(typeof(TagRenameRequest))]
[JsonSerializable(typeof(VisitPageResponse))]
[JsonSerializable(typeof(DeletedVisitsResponse))]
[JsonSerializable(typeof(OrphanVisitPageResponse))]
[JsonSerializable(typeof(OrphanVisitSummary))]
[JsonSerializable(typeof(List<RedirectRule>))]
[JsonSerializable(typeof(IReadOnlyList<RedirectRule>))]
[JsonSerializable(typeof(RedirectRuleRequest[]))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
