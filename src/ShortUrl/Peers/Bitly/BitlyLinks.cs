namespace ShortUrl.Peers.Bitly;

/// <summary>Bitly's <c>/shorten</c>, <c>/bitlinks</c> and <c>/expand</c> over the native services and rules.</summary>
internal static class BitlyLinks
{
    /// <summary>As Bitly: the same long URL shortened again by the same key gets its bitlink back (200), not a new one (201).</summary>
    public static async Task<Results<Created<BitlyLink>, Ok<BitlyLink>, JsonHttpResult<BitlyError>>> Shorten(
        HttpContext context, LinkService links, ILinkSearch search, PublicAddress address, CancellationToken cancellationToken)
    {
        var (longUrl, invalid) = await ReadOneStringAsync(context.Request, "long_url", cancellationToken);
        if (longUrl is null)
        {
            return invalid!;
        }

        var requester = Requester.Of(context);
        var shortUrlBase = address.ShortUrlBase(context.Request);
        if (TargetUrl.Validate(longUrl, address.SelfHosts(context.Request), out var target) is null)
        {
            var found = await search.SearchAsync(
                new LinkQuery(target, [], false, LinkSorts.Newest, 0, 100, requester.KeyName, SeesProtectedLinks: true), cancellationToken);
            if (found.Items.FirstOrDefault(link => link.Url == target && link.PasswordHash is null && link.ExpiresAt is null && link.MaxClicks is null) is { } existing)
            {
                return TypedResults.Ok(BitlyLink.From(existing, shortUrlBase));
            }
        }

        return await CreateAsync(context, links, address, new CreateLinkRequest(longUrl, null), cancellationToken);
    }

    public static async Task<Results<Created<BitlyLink>, Ok<BitlyLink>, JsonHttpResult<BitlyError>>> Create(
        HttpContext context, LinkService links, PublicAddress address, CancellationToken cancellationToken)
    {
        var (fields, bodyError) = await PeerJsonBody.ReadAsync(context.Request, BodyError, BitlinkFields.Read, cancellationToken);
        if (fields is null)
        {
            return bodyError!;
        }

        // A create needs a long URL: a missing or blank one is named before a title or tags of the wrong type.
        if ((string.IsNullOrWhiteSpace(fields.LongUrl) ? "long_url" : fields.WrongType) is { } invalid)
        {
            return BitlyErrors.InvalidValue(invalid);
        }

        var create = new CreateLinkRequest(fields.LongUrl, null, Title: fields.Title, Tags: fields.Tags);
        return await CreateAsync(context, links, address, create, cancellationToken);
    }

    public static async Task<Results<Ok<BitlyLink>, JsonHttpResult<BitlyError>>> Get(
        string hash, HttpContext context, LinkService links, PublicAddress address, CancellationToken cancellationToken) =>
        await ManagedAsync(hash, context, links, cancellationToken) is { } link
            ? TypedResults.Ok(BitlyLink.From(link, address.ShortUrlBase(context.Request)))
            : BitlyErrors.NotFound();

    public static async Task<Results<Ok<BitlyLink>, JsonHttpResult<BitlyError>>> Update(
        string hash, HttpContext context, LinkService links, LinkLifecycle lifecycle, PublicAddress address, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(hash, context, links, cancellationToken) is null)
        {
            return BitlyErrors.NotFound();
        }

        var (fields, bodyError) = await PeerJsonBody.ReadAsync(context.Request, BodyError, BitlinkFields.Read, cancellationToken);
        if (fields is null)
        {
            return bodyError!;
        }

        var body = fields.Body;
        var archived = body.Bool("archived", out var archivedOk);
        if ((fields.WrongType ?? (archivedOk ? null : "archived")) is { } invalid)
        {
            return BitlyErrors.InvalidValue(invalid);
        }

        // ShortUrl keeps no archive: a link is there or deleted.
        if (archived == true)
        {
            return BitlyErrors.InvalidArgument("archived", "Archiving is not supported by this server (ShortUrl); delete the link instead.");
        }

        var edit = new LinkEdit(
            body.Has("long_url") && fields.LongUrl is not null ? FieldChange<string?>.To(fields.LongUrl) : FieldChange<string?>.Unchanged,
            FieldChange<string?>.Unchanged, FieldChange<long?>.Unchanged, FieldChange<string?>.Unchanged)
        {
            Title = body.Has("title") ? FieldChange<string?>.To(fields.Title) : FieldChange<string?>.Unchanged,
            Tags = body.Has("tags") ? FieldChange<IReadOnlyList<string?>?>.To(fields.Tags) : FieldChange<IReadOnlyList<string?>?>.Unchanged,
        };
        return await lifecycle.EditAsync(hash, edit, address.SelfHosts(context.Request), cancellationToken) switch
        {
            LinkLifecycle.EditOutcome.Edited(var link) => TypedResults.Ok(BitlyLink.From(link, address.ShortUrlBase(context.Request))),
            LinkLifecycle.EditOutcome.Invalid(var field, var message) => BitlyErrors.InvalidArgument(BitlyErrors.Field(field), message),
            _ => BitlyErrors.NotFound(),
        };
    }

    public static async Task<Results<Ok<BitlyExpanded>, JsonHttpResult<BitlyError>>> Expand(
        HttpContext context, LinkService links, PublicAddress address, CancellationToken cancellationToken)
    {
        var (id, invalid) = await ReadOneStringAsync(context.Request, "bitlink_id", cancellationToken);
        if (id is null)
        {
            return invalid!;
        }

        var code = id.TrimEnd('/')[(id.TrimEnd('/').LastIndexOf('/') + 1)..];
        if (await ManagedAsync(code, context, links, cancellationToken) is not { } link)
        {
            return BitlyErrors.NotFound();
        }

        var shortUrlBase = address.ShortUrlBase(context.Request);
        return TypedResults.Ok(new BitlyExpanded(BitlyDates.Format(link.CreatedAt), shortUrlBase + link.Code, BitlyIds.Of(shortUrlBase, link.Code), link.Url));
    }

    /// <summary>The link, when it exists and the caller manages it; to Bitly's clients another key's link does not exist.</summary>
    public static async Task<Link?> ManagedAsync(string hash, HttpContext context, LinkService links, CancellationToken cancellationToken) =>
        await links.FindAsync(hash, cancellationToken) is { } link && Requester.Of(context).Manages(link) ? link : null;

    private static async Task<Results<Created<BitlyLink>, Ok<BitlyLink>, JsonHttpResult<BitlyError>>> CreateAsync(
        HttpContext context, LinkService links, PublicAddress address, CreateLinkRequest create, CancellationToken cancellationToken)
    {
        var request = context.Request;
        return await links.CreateAsync(create, address.SelfHosts(request), Requester.Of(context).KeyName, cancellationToken) switch
        {
            LinkService.CreateOutcome.Created(var link) => TypedResults.Created(
                $"/v4/bitlinks/{BitlyIds.Of(address.ShortUrlBase(request), link.Code)}", BitlyLink.From(link, address.ShortUrlBase(request))),
            LinkService.CreateOutcome.Invalid(var field, var message) => BitlyErrors.InvalidArgument(BitlyErrors.Field(field), message),
            _ => BitlyErrors.Error(StatusCodes.Status503ServiceUnavailable, "TEMPORARILY_UNAVAILABLE", "No free code could be found; try again.", "bitlinks"),
        };
    }

    /// <summary>A bitlink's <c>long_url</c>, <c>title</c> and <c>tags</c> as sent; <c>WrongType</c>, the first of them sent as neither its type nor null.</summary>
    private sealed record BitlinkFields(PeerJsonBody Body, string? LongUrl, string? Title, string?[]? Tags, string? WrongType)
    {
        /// <summary>The members a create and an update both take, read once.</summary>
        public static BitlinkFields Read(PeerJsonBody body)
        {
            var longUrl = body.String("long_url", out var longUrlOk);
            var title = body.String("title", out var titleOk);
            var tags = body.Strings("tags", out var tagsOk);
            return new BitlinkFields(body, longUrl, title, tags, !longUrlOk ? "long_url" : !titleOk ? "title" : !tagsOk ? "tags" : null);
        }
    }

    /// <summary>The one member a body is read for, a string not blank; or Bitly's error for the body or the member.</summary>
    private static async Task<(string? Value, JsonHttpResult<BitlyError>? Invalid)> ReadOneStringAsync(
        HttpRequest request, string member, CancellationToken cancellationToken)
    {
        var (body, bodyError) = await PeerJsonBody.ReadAsync(request, BodyError, cancellationToken);
        if (body is null)
        {
            return (null, bodyError);
        }

        var value = body.String(member, out var ok);
        return !ok || string.IsNullOrWhiteSpace(value) ? (null, BitlyErrors.InvalidValue(member)) : (value, null);
    }

    private static JsonHttpResult<BitlyError> BodyError(PeerJsonBody.Failure failure) => failure == PeerJsonBody.Failure.TooLarge
        ? BitlyErrors.Error(StatusCodes.Status413PayloadTooLarge, "REQUEST_ENTITY_TOO_LARGE", "The body is too large.", "bitlinks")
        : BitlyErrors.Error(StatusCodes.Status400BadRequest, "INVALID_BODY", "The body must be a JSON object.", "bitlinks");
}
