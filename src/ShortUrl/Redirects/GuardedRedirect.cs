using ShortUrl.Clicks;
using ShortUrl.RedirectIndex;
namespace ShortUrl.Redirects;

/// <summary>
/// Following a link that has rules (<see cref="LinkGuard"/>): expired or used up is 410 Gone, a password is asked for,
/// and a click limit is counted in the store as the click happens, so it holds exactly. Plain links never come here.
/// </summary>
internal static class GuardedRedirect
{
    public static async ValueTask<Results<RedirectHttpResult, ProblemHttpResult, ContentHttpResult>> FollowAsync(
        string code, RedirectTarget target, LinkGuard guard, HttpContext context, int redirectStatus, ShortUrlMetrics metrics)
    {
        var lifecycle = context.RequestServices.GetRequiredService<LinkLifecycle>();
        if (GoneReasonOf(guard, lifecycle.UtcNow) is { } reason)
        {
            metrics.LinkGone();
            return Gone(code, reason, context.Request);
        }

        if (guard.HasPassword)
        {
            metrics.PasswordAskedFor();
            return ContentNegotiation.PrefersHtml(context.Request)
                ? RedirectPages.PasswordForm(context.Response, code, wrongPassword: false)
                : TypedResults.Problem(
                    $"The link '{code}' is password-protected: post its password as the form field 'password' to /{code}.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Password required");
        }

        if (!await TryCountClickAsync(code, target, guard, context))
        {
            metrics.LinkGone();
            return Gone(code, GoneReason.LimitReached(guard.MaxClicks ?? 0), context.Request);
        }

        metrics.Redirected();
        return RedirectEndpoint.RedirectTo(RedirectLocation.For(target, context), redirectStatus);
    }

    /// <summary>
    /// Counts the click of a GET (a HEAD only looks): a limited link's in the store, at once and only while clicks are
    /// left; any other link's in the click queue.
    /// </summary>
    /// <returns>False when a limited link has no clicks left.</returns>
    public static async ValueTask<bool> TryCountClickAsync(string code, RedirectTarget target, LinkGuard? guard, HttpContext context)
    {
        var isGet = !HttpMethods.IsHead(context.Request.Method);
        if (guard?.MaxClicks is null)
        {
            if (isGet)
            {
                context.RequestServices.GetRequiredService<ClickQueue>().Record(target, context.Request.Headers, address: context.Connection.RemoteIpAddress);
            }

            return true;
        }

        var lifecycle = context.RequestServices.GetRequiredService<LinkLifecycle>();
        if (!isGet)
        {
            return await lifecycle.HasClicksLeftAsync(code, context.RequestAborted);
        }

        if (!await lifecycle.TryCountLimitedClickAsync(target, guard, context.RequestAborted))
        {
            return false;
        }

        // Counted already, bots included, so that the limit holds: the visit still goes to the stats.
        context.RequestServices.GetRequiredService<ClickQueue>().Record(target, context.Request.Headers, clickCounted: true, context.Connection.RemoteIpAddress);
        return true;
    }

    /// <summary>Why the link no longer redirects, as far as memory knows; null while it does.</summary>
    public static string? GoneReasonOf(LinkGuard guard, DateTime utcNow) =>
        GoneReason.Of(guard.ExpiresAt, guard.LimitReached ? guard.MaxClicks ?? 0 : null, utcNow);

    public static Results<RedirectHttpResult, ProblemHttpResult, ContentHttpResult> Gone(string code, string reason, HttpRequest request) =>
        ContentNegotiation.PrefersHtml(request) ? RedirectPages.Gone(code, reason) : GoneProblem(code, reason);

    public static ProblemHttpResult GoneProblem(string code, string reason) =>
        TypedResults.Problem($"The link '{code}' {reason}.", statusCode: StatusCodes.Status410Gone, title: "Link gone");
}
