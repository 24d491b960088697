namespace ShortUrl.Peers.Kutt;

/// <summary>Kutt's <c>/links</c>: list, create, edit, delete and stats, over the native services and rules.</summary>
internal static class KuttLinks
{
    public const int MaxLimit = 50;

    public static async Task<Results<Ok<KuttLinkList>, JsonHttpResult<KuttError>>> List(
        string? skip, string? limit, string? all, HttpContext context, ILinkSearch search, PublicAddress address, CancellationToken cancellationToken)
    {
        var from = 0;
        var count = 10;
        if ((skip is not null && (!int.TryParse(skip, NumberStyles.None, CultureInfo.InvariantCulture, out from)))
            || (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit)))
        {
            return Error(StatusCodes.Status400BadRequest, $"'skip' must be a whole number from 0 and 'limit' from 1 to {MaxLimit}.");
        }

        // As in Kutt: a key lists the links it created; an admin's with all=true lists everyone's.
        var caller = Requester.Of(context).Caller!;
        var everyone = caller.IsAdmin && all is "true" or "1";
        var found = await search.SearchAsync(
            new LinkQuery(null, [], false, LinkSorts.Newest, from, count, everyone ? null : caller.Name, SeesProtectedLinks: true), cancellationToken);
        var shortUrlBase = address.ShortUrlBase(context.Request);
        return TypedResults.Ok(new KuttLinkList(count, from, found.Total, found.Items.Select(link => KuttLink.From(link, shortUrlBase)).ToList()));
    }

    public static async Task<Results<Created<KuttLink>, Ok<KuttLink>, JsonHttpResult<KuttError>>> Create(
        HttpContext context, LinkService links, ILinkSearch search, PublicAddress address, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var (fields, bodyError) = await PeerJsonBody.ReadAsync(request, BodyError, KuttLinkFields.Read, cancellationToken);
        if (fields is null)
        {
            return bodyError!;
        }

        var password = fields.Body.String("password", out var passwordOk);
        var customUrl = fields.Body.String("customurl", out var customOk);
        var reuse = fields.Body.Bool("reuse", out var reuseOk);
        if (!fields.TargetOk || string.IsNullOrWhiteSpace(fields.Target))
        {
            return Error(StatusCodes.Status400BadRequest, "Target is missing.");
        }

        if (!fields.DescriptionAndExpiryOk || !passwordOk || !customOk || !reuseOk)
        {
            return Error(StatusCodes.Status400BadRequest, "description, expire_in, password and customurl must be strings; reuse true or false.");
        }

        var target = fields.Target;
        var (expiresAt, expiryError) = ExpiryOf(fields.ExpireIn, time.GetUtcNow());
        if (expiryError is not null)
        {
            return expiryError;
        }

        var requester = Requester.Of(context);
        var selfHosts = address.SelfHosts(request);
        var shortUrlBase = address.ShortUrlBase(request);
        if (reuse == true && TargetUrl.Validate(target, selfHosts, out var normalised) is null)
        {
            var found = await search.SearchAsync(
                new LinkQuery(normalised, [], false, LinkSorts.Newest, 0, 100, requester.KeyName, SeesProtectedLinks: true), cancellationToken);
            if (found.Items.FirstOrDefault(link => link.Url == normalised && link.PasswordHash is null) is { } existing)
            {
                return TypedResults.Ok(KuttLink.From(existing, shortUrlBase));
            }
        }

        var create = new CreateLinkRequest(target, customUrl, expiresAt, null, password, fields.Description);
        return await links.CreateAsync(create, selfHosts, requester.KeyName, cancellationToken) switch
        {
            LinkService.CreateOutcome.Created(var link) => TypedResults.Created($"/api/v2/links/{link.Code}", KuttLink.From(link, shortUrlBase)),
            LinkService.CreateOutcome.Invalid(var field, var message) => Error(StatusCodes.Status400BadRequest, $"{KuttField(field)}: {message}"),
            LinkService.CreateOutcome.AliasTaken => Error(StatusCodes.Status400BadRequest, "Custom URL is already in use."),
            _ => Error(StatusCodes.Status503ServiceUnavailable, "No free code could be found; try again."),
        };
    }

    public static async Task<Results<Ok<KuttLink>, JsonHttpResult<KuttError>>> Edit(
        string id, HttpContext context, LinkService links, LinkLifecycle lifecycle, PublicAddress address, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, context, links, cancellationToken) is null)
        {
            return NotFound();
        }

        var request = context.Request;
        var (fields, bodyError) = await PeerJsonBody.ReadAsync(request, BodyError, KuttLinkFields.Read, cancellationToken);
        if (fields is null)
        {
            return bodyError!;
        }

        var addressGiven = fields.Body.String("address", out var addressOk);
        if (!fields.TargetOk || !addressOk || !fields.DescriptionAndExpiryOk)
        {
            return Error(StatusCodes.Status400BadRequest, "target, address, description and expire_in must be strings.");
        }

        // A short link's code is what people already hold: it never changes here, so an edit may only name it again.
        if (!string.IsNullOrEmpty(addressGiven) && addressGiven != id)
        {
            return Error(StatusCodes.Status400BadRequest, "Changing a link's address is not supported by this server (ShortUrl).");
        }

        var (expiresAt, expiryError) = ExpiryOf(fields.ExpireIn, lifecycle.UtcNow);
        if (expiryError is not null)
        {
            return expiryError;
        }

        var edit = new LinkEdit(
            string.IsNullOrEmpty(fields.Target) ? FieldChange<string?>.Unchanged : FieldChange<string?>.To(fields.Target),
            expiresAt is null ? FieldChange<string?>.Unchanged : FieldChange<string?>.To(expiresAt),
            FieldChange<long?>.Unchanged,
            FieldChange<string?>.Unchanged)
        {
            Title = fields.Body.Has("description") ? FieldChange<string?>.To(fields.Description) : FieldChange<string?>.Unchanged,
        };
        return await lifecycle.EditAsync(id, edit, address.SelfHosts(request), cancellationToken) switch
        {
            LinkLifecycle.EditOutcome.Edited(var link) => TypedResults.Ok(KuttLink.From(link, address.ShortUrlBase(request))),
            LinkLifecycle.EditOutcome.Invalid(var field, var message) => Error(StatusCodes.Status400BadRequest, $"{KuttField(field)}: {message}"),
            _ => NotFound(),
        };
    }

    public static async Task<Results<Ok<KuttMessage>, JsonHttpResult<KuttError>>> Delete(
        string id, HttpContext context, LinkService links, LinkLifecycle lifecycle, CancellationToken cancellationToken) =>
        await ManagedAsync(id, context, links, cancellationToken) is not null && await lifecycle.DeleteAsync(id, cancellationToken)
            ? TypedResults.Ok(new KuttMessage("Link has been deleted successfully."))
            : NotFound();

    public static async Task<Results<Ok<KuttLinkStats>, JsonHttpResult<KuttError>>> Stats(
        string id, HttpContext context, LinkService links, IStatsQueries stats, IVisitLog visits, PublicAddress address, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, context, links, cancellationToken) is not { } link)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        async Task<KuttPeriodStats> Period(DateTimeOffset since)
        {
            var fromMs = Math.Max(0, since.ToUnixTimeMilliseconds());
            var toMs = now.ToUnixTimeMilliseconds() + 60_000;
            var byVisitor = (await stats.ClicksByVisitorAsync(link.Id, fromMs / 60_000, toMs / 60_000, cancellationToken)).Where(v => !v.Bot).ToList();
            var countries = await visits.CountriesAsync(link.Id, fromMs, toMs, 10, cancellationToken);
            var days = await stats.ClicksByDayAsync(link.Id, fromMs / 60_000, toMs / 60_000, cancellationToken);
            List<KuttStatDetail> Top(Func<VisitorClicks, string> name) => byVisitor
                .GroupBy(name).Select(g => new KuttStatDetail(g.Key.Length == 0 ? "Direct" : g.Key, g.Sum(v => v.Clicks)))
                .OrderByDescending(d => d.Value).Take(10).ToList();
            var views = days.Where(d => !d.Bot).GroupBy(d => d.Day).OrderBy(g => g.Key).Select(g => g.Sum(d => d.Clicks)).ToList();
            return new KuttPeriodStats(
                new KuttStatDetails(Top(v => v.Browser), Top(v => v.Os), countries.Select(c => new KuttStatDetail(c.Country, c.Visits)).ToList(), Top(v => v.Referrer)),
                views);
        }

        var shortUrlBase = address.ShortUrlBase(context.Request);
        return TypedResults.Ok(new KuttLinkStats(
            link.Code, link.Code, false, link.CreatedAt, link.CreatedAt, link.PasswordHash is not null, link.Url, link.Clicks, shortUrlBase + link.Code,
            await Period(now.AddDays(-1)), await Period(now.AddDays(-7)), await Period(now.AddMonths(-1)), await Period(now.AddYears(-1)),
            await Period(new DateTimeOffset(link.CreatedAt, TimeSpan.Zero)), now.UtcDateTime));
    }

    public static JsonHttpResult<KuttError> Error(int status, string message) => TypedResults.Json(new KuttError(message), statusCode: status);

    /// <summary>Kutt answers a link that is not the caller's as one that does not exist.</summary>
    private static async Task<Link?> ManagedAsync(string id, HttpContext context, LinkService links, CancellationToken cancellationToken) =>
        await links.FindAsync(id, cancellationToken) is { } link && Requester.Of(context).Manages(link) ? link : null;

    private static JsonHttpResult<KuttError> NotFound() => Error(StatusCodes.Status404NotFound, "Link could not be found.");

    /// <summary>
    /// A link's <c>target</c>, <c>description</c> and <c>expire_in</c> as sent, and whether each is a string or null: the
    /// target apart, since a create needs one.
    /// </summary>
    private sealed record KuttLinkFields(
        PeerJsonBody Body, string? Target, bool TargetOk, string? Description, string? ExpireIn, bool DescriptionAndExpiryOk)
    {
        /// <summary>The members a create and an edit both take, read once.</summary>
        public static KuttLinkFields Read(PeerJsonBody body)
        {
            var target = body.String("target", out var targetOk);
            var description = body.String("description", out var descriptionOk);
            var expireIn = body.String("expire_in", out var expireOk);
            return new KuttLinkFields(body, target, targetOk, description, expireIn, descriptionOk && expireOk);
        }
    }

    /// <summary>When a link given <c>expire_in</c> expires (none for none), or Kutt's error for a value it does not take.</summary>
    private static (string? ExpiresAt, JsonHttpResult<KuttError>? Error) ExpiryOf(string? expireIn, DateTimeOffset now) =>
        string.IsNullOrEmpty(expireIn) ? (null, null)
        : KuttExpiry.FromNow(expireIn, now) is { } expiresAt ? (expiresAt, null)
        : (null, Error(StatusCodes.Status400BadRequest, "Expire format is invalid. Valid examples: 1m, 8h, 42 days."));

    private static JsonHttpResult<KuttError> BodyError(PeerJsonBody.Failure failure) => failure == PeerJsonBody.Failure.TooLarge
        ? Error(StatusCodes.Status413PayloadTooLarge, "The body is too large.")
        : Error(StatusCodes.Status400BadRequest, "The body must be a JSON object.");

    private static string KuttField(string field) => field switch
    {
        "url" => "target",
        "alias" => "customurl",
        "expiresAt" => "expire_in",
        "title" => "description",
        _ => field,
    };
}
