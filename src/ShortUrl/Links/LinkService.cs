using ShortUrl.RedirectIndex;
using ShortUrl.Redirects;
using ShortUrl.Titles;
namespace ShortUrl.Links;

/// <summary>Creating and finding links: validation, code generation and the redirect cache kept in step with the store.</summary>
internal sealed class LinkService(
    ILinkStore store, IRedirectSource redirectSource, Codes codes, LinkCache cache, TimeProvider time, TitleFetchQueue titles,
    ShortUrlMetrics metrics)
{
    // A collision among 62^7 codes is rare; several in a row means something else is wrong.
    private const int MaxCodeAttempts = 10;

    public abstract record CreateOutcome
    {
        public sealed record Created(Link Link) : CreateOutcome;
        public sealed record Invalid(string Field, string Message) : CreateOutcome;
        public sealed record AliasTaken(string Alias) : CreateOutcome;
        public sealed record NoFreeCode : CreateOutcome;
    }

    /// <summary>A create request that passed every rule: what goes to the store.</summary>
    /// <param name="Url">The target, as it is stored.</param>
    /// <param name="Alias">The alias, or null for a generated code.</param>
    /// <param name="Rules">Expiry, click limit, the password's hash, query forwarding and redirect rules.</param>
    /// <param name="Labels">Title and tags, normalised.</param>
    public sealed record ValidLink(string Url, string? Alias, LinkRules Rules,
        LinkLabels Labels);

    /// <summary>
    /// The rules of a create, in their order (target, expiry, click limit, password, alias), for every way links are
    /// created: one request here, many in an import.
    /// </summary>
    /// <returns>The first field that is wrong and why, or null when <paramref name="valid"/> holds the link to store.</returns>
    public CreateOutcome.Invalid? Validate(
        CreateLinkRequest request, IReadOnlyCollection<HostString> selfHosts, DateTime utcNow, out ValidLink valid)
    {
        valid = null!;
        if (TargetUrl.Validate(request.Url, selfHosts, out var url) is { } urlProblem)
        {
            return new CreateOutcome.Invalid("url", urlProblem);
        }

        if (LinkRulesInput.Validate(request.ExpiresAt, request.MaxClicks, request.Password, utcNow, out var rules) is var (field, problem))
        {
            return new CreateOutcome.Invalid(field, problem);
        }

        var alias = string.IsNullOrEmpty(request.Alias) ? null : request.Alias;
        if (alias is not null && codes.ValidateAlias(alias) is { } aliasProblem)
        {
            return new CreateOutcome.Invalid("alias", aliasProblem);
        }

        if (LinkLabelsInput.Validate(request.Title, request.Tags, out var labels) is var (labelField, labelProblem))
        {
            return new CreateOutcome.Invalid(labelField, labelProblem);
        }

        if (RedirectRulesInput.Validate(request.Rules, selfHosts, out var redirectRules) is { } rulesProblem)
        {
            return new CreateOutcome.Invalid("rules", rulesProblem);
        }

        rules = rules with { ForwardQuery = request.ForwardQuery ?? true, RedirectRules = redirectRules };
        valid = new ValidLink(url, alias, rules,
            labels);
        return null;
    }

    /// <summary>Creates a link, recording <paramref name="createdBy"/> (the name of the API key creating it; null without one).</summary>
    public async Task<CreateOutcome> CreateAsync(
        CreateLinkRequest request, IReadOnlyCollection<HostString> selfHosts, string? createdBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (Validate(request, selfHosts, now, out var valid) is { } invalid)
        {
            return invalid;
        }

        var (url, alias, rules, labels) = valid;
        if (alias is not null)
        {
            var removalsBeforeWrite = cache.RemovalsSoFar;
            var link = await store.TryCreateAsync(alias, url, now, rules, createdBy, labels, cancellationToken);
            return link is null ? new CreateOutcome.AliasTaken(alias) : Created(link, removalsBeforeWrite);
        }

        for (var attempt = 0; attempt < MaxCodeAttempts; attempt++)
        {
            var removalsBeforeWrite = cache.RemovalsSoFar;
            if (await store.TryCreateAsync(codes.Generate(), url, now, rules, createdBy, labels, cancellationToken) is { } link)
            {
                return Created(link, removalsBeforeWrite);
            }
        }

        return new CreateOutcome.NoFreeCode();
    }

    public Task<Link?> FindAsync(string code, CancellationToken cancellationToken) =>
        Codes.IsWellFormed(code) ? store.FindAsync(code, cancellationToken) : Task.FromResult<Link?>(null);

    public Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken) =>
        store.RecentAsync(limit, cancellationToken);

    public Task<IReadOnlyList<Link>> RecentByCreatorAsync(string createdBy, int limit, CancellationToken cancellationToken) =>
        store.RecentByCreatorAsync(createdBy, limit, cancellationToken);

    /// <summary>The redirect for <paramref name="code"/>: from memory when possible, else from the store, remembered.</summary>
    public ValueTask<RedirectTarget?> ResolveAsync(string code, CancellationToken cancellationToken)
    {
        var lookup = cache.TryGet(code, out var target);
        metrics.CacheLookup(hit: lookup != LinkCache.Lookup.Unknown);
        return lookup switch
        {
            LinkCache.Lookup.Found => ValueTask.FromResult(target),
            LinkCache.Lookup.Missing => ValueTask.FromResult<RedirectTarget?>(null),
            _ => LoadAsync(code, cancellationToken),
        };
    }

    private async ValueTask<RedirectTarget?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var removalsBeforeRead = cache.RemovalsSoFar;
        if (await redirectSource.FindTargetAsync(code, cancellationToken) is not { } link
            || TargetUrl.ToLocation(link.Url) is not { } location)
        {
            cache.SetMissing(code);
            return null;
        }

        var target = new RedirectTarget(link.Id, location)
        {
            Guard = LinkGuard.For(link.ExpiresAt, link.MaxClicks, link.HasPassword),
            ForwardQuery = link.ForwardQuery,
            Rules = RedirectRuleSet.FromStored(link.RedirectRules),
        };
        cache.Set(code, target, removalsBeforeRead);
        return target;
    }

    private CreateOutcome.Created Created(Link link, long removalsBeforeWrite)
    {
        metrics.LinkCreated();
        cache.Created(link, removalsBeforeWrite);
        titles.Offer(link);
        return new CreateOutcome.Created(link);
    }
}
