using System.Text.Json;
using System.Text.Json.Serialization;
using ShortUrl.Peers.Bitly;
using ShortUrl.Peers.Kutt;
using ShortUrl.Peers.Shlink;

namespace ShortUrl.Peers;

/// <summary>Source-generated JSON for the peers' shapes, camelCase as each peer writes them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ShlinkShortUrl))]
[JsonSerializable(typeof(ShlinkShortUrlList))]
[JsonSerializable(typeof(ShlinkVisitList))]
[JsonSerializable(typeof(ShlinkVisitsOverviewResponse))]
[JsonSerializable(typeof(ShlinkDeletedVisits))]
[JsonSerializable(typeof(ShlinkTagList))]
[JsonSerializable(typeof(ShlinkTagStatsList))]
[JsonSerializable(typeof(ShlinkDomainList))]
[JsonSerializable(typeof(ShlinkHealth))]
[JsonSerializable(typeof(ShlinkRedirectRuleList))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(KuttLink))]
[JsonSerializable(typeof(KuttLinkList))]
[JsonSerializable(typeof(KuttLinkStats))]
[JsonSerializable(typeof(KuttMessage))]
[JsonSerializable(typeof(KuttError))]
[JsonSerializable(typeof(BitlyLink))]
[JsonSerializable(typeof(BitlyExpanded))]
[JsonSerializable(typeof(BitlyClicks))]
[JsonSerializable(typeof(BitlyClicksSummary))]
[JsonSerializable(typeof(BitlyMetricList))]
[JsonSerializable(typeof(BitlyError))]
internal sealed partial class PeersJsonContext : JsonSerializerContext;
