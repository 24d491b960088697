using ShortUrl.RedirectIndex;
using ShortUrl.Redirects;
namespace ShortUrl.Links;

/// <summary>
/// What happens to a link after it is created: edits, deletion, its password and its click limit. Every change reaches
/// this instance's redirect cache before the answer is sent, and other instances through the store
/// (<see cref="LinkChangeListener"/>), so the very next redirect follows it.
/// </summary>
internal sealed class LinkLifecycle(ILinkStore store, LinkCache cache, TimeProvider time)
{
    public abstract record EditOutcome
    {
        public sealed record Edited(Link Link) : EditOutcome;
        public sealed record Invalid(string Field, string Message) : EditOutcome;
        public sealed record NotFound : EditOutcome;
    }

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public async Task<EditOutcome> EditAsync(
        string code, LinkEdit edit, IReadOnlyCollection<HostString> selfHosts, CancellationToken cancellationToken)
    {
        if (!Codes.IsWellFormed(code))
        {
            return new EditOutcome.NotFound();
        }

        var url = FieldChange<string>.Unchanged;
        if (edit.Url.IsChanged)
        {
            if (TargetUrl.Validate(edit.Url.Value, selfHosts, out var target) is { } urlProblem)
            {
                return new EditOutcome.Invalid("url", urlProblem);
            }

            url = FieldChange<string>.To(target);
        }

        var expiresAt = FieldChange<DateTime?>.Unchanged;
        if (edit.ExpiresAt.IsChanged)
        {
            if (LinkRulesInput.ValidateExpiresAt(edit.ExpiresAt.Value, UtcNow, out var expiry) is { } expiryProblem)
            {
                return new EditOutcome.Invalid("expiresAt", expiryProblem);
            }

            expiresAt = FieldChange<DateTime?>.To(expiry);
        }

        if (LinkRulesInput.ValidateMaxClicks(edit.MaxClicks.Value) is { } limitProblem)
        {
            return new EditOutcome.Invalid("maxClicks", limitProblem);
        }

        if (LinkRulesInput.ValidatePassword(edit.Password.Value) is { } passwordProblem)
        {
            return new EditOutcome.Invalid("password", passwordProblem);
        }

        var passwordHash = edit.Password.IsChanged
            ? FieldChange<string?>.To(string.IsNullOrEmpty(edit.Password.Value) ? null : LinkPasswords.Hash(edit.Password.Value))
            : FieldChange<string?>.Unchanged;
        if (LinkLabelsInput.ValidateTitle(edit.Title.Value, out var title) is { } titleProblem)
        {
            return new EditOutcome.Invalid("title", titleProblem);
        }

        if (LinkLabelsInput.ValidateTags(edit.Tags.Value, out var tags) is { } tagsProblem)
        {
            return new EditOutcome.Invalid("tags", tagsProblem);
        }

        if (RedirectRulesInput.Validate(edit.Rules.Value, selfHosts, out var redirectRules) is { } rulesProblem)
        {
            return new EditOutcome.Invalid("rules", rulesProblem);
        }

        var changes = new LinkChanges(url, expiresAt, edit.MaxClicks, passwordHash)
        {
            ForwardQuery = edit.ForwardQuery,
            RedirectRules = edit.Rules.IsChanged ? FieldChange<string?>.To(redirectRules) : FieldChange<string?>.Unchanged,
            Title = edit.Title.IsChanged ? FieldChange<string?>.To(title) : FieldChange<string?>.Unchanged,
            Tags = edit.Tags.IsChanged ? FieldChange<IReadOnlyList<string>>.To(tags) : FieldChange<IReadOnlyList<string>>.Unchanged,
        };
        var link = await store.UpdateAsync(code, changes, cancellationToken);
        cache.Invalidate(code);
        return link is null ? new EditOutcome.NotFound() : new EditOutcome.Edited(link);
    }

    public async Task<bool> DeleteAsync(string code, CancellationToken cancellationToken)
    {
        if (!Codes.IsWellFormed(code))
        {
            return false;
        }

        var deleted = await store.DeleteAsync(code, cancellationToken);
        cache.Invalidate(code);
        return deleted;
    }

    /// <summary>Counts a click of a link with a click limit, unless the limit is reached (then it remembers that).</summary>
    public async Task<bool> TryCountLimitedClickAsync(RedirectTarget target, LinkGuard guard, CancellationToken cancellationToken)
    {
        if (await store.TryCountLimitedClickAsync(target.LinkId, cancellationToken))
        {
            return true;
        }

        guard.MarkLimitReached();
        return false;
    }

    /// <summary>For a HEAD, which looks without clicking: whether a GET would still be let through.</summary>
    public async Task<bool> HasClicksLeftAsync(string code, CancellationToken cancellationToken) =>
        await store.FindAsync(code, cancellationToken) is { } link && (link.MaxClicks is not { } max || link.Clicks < max);

    /// <returns>The hash of the link's password (for <see cref="Access.PasswordChecks"/>); null when it has none.</returns>
    public async Task<string?> PasswordHashOfAsync(string code, CancellationToken cancellationToken) =>
        (await store.FindAsync(code, cancellationToken))?.PasswordHash;
}

/// <summary>An edit as asked for: each field left out (unchanged), or given, possibly as null (cleared).</summary>
internal sealed record LinkEdit(
    FieldChange<string?> Url, FieldChange<string?> ExpiresAt, FieldChange<long?> MaxClicks, FieldChange<string?> Password)
{
    public FieldChange<string?> Title { get; init; }

    /// <summary>The new tags, replacing the old; null or empty removes them all.</summary>
    public FieldChange<IReadOnlyList<string?>?> Tags { get; init; }

    public FieldChange<bool> ForwardQuery { get; init; }

    /// <summary>The new redirect rules, replacing the old; null or empty removes them all.</summary>
    public FieldChange<IReadOnlyList<RedirectRuleRequest?>?> Rules { get; init; }
}
