using ShortUrl.RedirectIndex;
namespace ShortUrl.Redirects;

/// <summary>
/// Where one request for a link goes: the first matching redirect rule's target or the link's own, with the request's
/// query string forwarded unless the link says not to. A link from the index has neither rules nor a reason to look
/// further than its query string.
/// </summary>
internal static class RedirectLocation
{
    public static string For(RedirectTarget target, HttpContext context)
    {
        var location = target.Location;
        if (target.Rules is { } rules)
        {
            if (rules.Vary is { } vary)
            {
                context.Response.Headers.Vary = vary;
            }

            location = rules.LocationFor(context.Request) ?? location;
        }

        return target.ForwardQuery && context.Request.QueryString.HasValue
            ? QueryForwarding.Append(location, context.Request.QueryString.Value)
            : location;
    }
}
