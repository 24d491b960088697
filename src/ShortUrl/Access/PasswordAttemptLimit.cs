using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ShortUrl.Hosting;
using ShortUrl.Links;
using ShortUrl.Redirects;

namespace ShortUrl.Access;

/// <summary>
/// Password attempts per client address and link (<c>ShortUrl:PasswordAttempts</c>, 5 a minute by default): enough
/// for a person who mistypes, far too few to guess. Past it, 429 with Retry-After, as a page for browsers.
/// </summary>
public sealed class PasswordAttemptLimit(IOptions<ShortUrlOptions> options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "password";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, _) =>
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many password attempts for this link from your address; try again in {retryAfter} seconds.";
        IResult rejection = RedirectEndpoint.WantsHtml(context.Request)
            ? HtmlPages.Page(StatusCodes.Status429TooManyRequests, "Too many attempts", $"<p>{HtmlPages.Encode(detail)}</p>")
            : TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                type: "https://www.rfc-editor.org/rfc/rfc6585#section-4");
        await rejection.ExecuteAsync(context);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var attempts = options.Value.PasswordAttempts;
        var client = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(
            $"{client} {httpContext.Request.RouteValues["code"]}",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = attempts.PermitLimit,
                Window = TimeSpan.FromSeconds(attempts.WindowSeconds),
                QueueLimit = 0,
            });
    }
}
