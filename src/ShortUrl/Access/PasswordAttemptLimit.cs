using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ShortUrl.Access;

/// <summary>
/// Password attempts per client and link (<c>ShortUrl:PasswordAttempts</c>, 5 a minute by default): enough for a person
/// who mistypes, far too few to guess. A client is an IPv4 address or an IPv6 /64 (<see cref="ClientAddress"/>), so
/// the addresses of one subscriber share one count. Past it, 429 with Retry-After, as a page for browsers. What
/// guessing from many clients may cost is bounded by <see cref="PasswordChecks"/>.
/// </summary>
internal sealed class PasswordAttemptLimit(IOptions<ShortUrlOptions> options) : IRateLimiterPolicy<string>
{
    internal const string PolicyName = "password";

    public static void AddPolicy(RateLimiterOptions limiter) => limiter.AddPolicy<string, PasswordAttemptLimit>(PolicyName);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, _) =>
    {
        var context = rejected.HttpContext;
        context.RequestServices.GetRequiredService<ShortUrlMetrics>().RateLimitRejected("password");
        var retryAfter = CreateRateLimit.RetryAfter(rejected);
        await Refusal(context.Request, StatusCodes.Status429TooManyRequests, retryAfter,
            $"Too many password attempts for this link from your address; try again in {retryAfter} seconds.").ExecuteAsync(context);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var attempts = options.Value.PasswordAttempts;
        return RateLimitPartition.GetFixedWindowLimiter(
            $"{ClientAddress.PartitionKey(httpContext.Connection.RemoteIpAddress)} {httpContext.Request.RouteValues["code"]}",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = attempts.PermitLimit,
                Window = TimeSpan.FromSeconds(attempts.WindowSeconds),
                QueueLimit = 0,
            });
    }

    /// <summary>
    /// An attempt refused before its password was looked at (429: too many; 503: no check free), with Retry-After: a page
    /// for browsers, a problem otherwise.
    /// </summary>
    public static Results<ContentHttpResult, ProblemHttpResult> Refusal(HttpRequest request, int status, int retryAfterSeconds, string detail)
    {
        request.HttpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var tooMany = status == StatusCodes.Status429TooManyRequests;
        return ContentNegotiation.PrefersHtml(request)
            ? HtmlPage.Of(status, tooMany ? "Too many attempts" : "Try again in a moment", $"<p>{HtmlPage.Encode(detail)}</p>")
            : TypedResults.Problem(detail, statusCode: status, title: tooMany ? "Too many requests" : "Service busy",
                type: tooMany ? "https://www.rfc-editor.org/rfc/rfc6585#section-4" : null);
    }
}

internal static class PasswordAttemptLimitEndpoints
{
    /// <summary>Password attempts at the endpoint count towards the client's limit for the link in the route.</summary>
    public static RouteHandlerBuilder RequirePasswordAttemptLimit(this RouteHandlerBuilder endpoint) => endpoint
        .RequireRateLimiting(PasswordAttemptLimit.PolicyName)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
