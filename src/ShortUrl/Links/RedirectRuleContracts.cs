using System.Text.Json.Serialization;
namespace ShortUrl.Links;

/// <summary>A redirect rule as people send it: where to go when every condition holds.</summary>
/// <param name="Url">The target for followers who match, an absolute http or https URL as a link's own target is.</param>
/// <param name="Conditions">One to five conditions, all of which must hold.</param>
internal sealed record RedirectRuleRequest(string? Url, RedirectConditionRequest?[]? Conditions);

/// <summary>A condition of a redirect rule as people send it.</summary>
/// <param name="Type">device, language or query.</param>
/// <param name="Value">device: ios, android or desktop; language: a language tag such as fr or pt-BR, matched against
/// Accept-Language (fr matches fr-CA too); query: the value the parameter must equal.</param>
/// <param name="Name">query only: the parameter's name.</param>
internal sealed record RedirectConditionRequest(string? Type, string? Value, string? Name = null);

/// <summary>A redirect rule as it is stored and shown: checked, its target normalised.</summary>
/// <param name="Url">Where followers who match go.</param>
/// <param name="Conditions">All of them must hold.</param>
internal sealed record RedirectRule(string Url, IReadOnlyList<RedirectCondition> Conditions);

/// <summary>A condition of a redirect rule as it is stored and shown.</summary>
/// <param name="Type">device, language or query.</param>
/// <param name="Name">query only: the parameter's name.</param>
/// <param name="Value">device: ios, android or desktop; language: a language tag, lower-case; query: the value.</param>
internal sealed record RedirectCondition(
    string Type, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name, string Value);
