using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ShortUrl.Hosting;

namespace ShortUrl.Access;

/// <summary>
/// Password attempts per client address and link (<c>ShortUrl:PasswordAttempts</c>, 5 a minute by default): enough
/// for a person who mistypes, far too few to guess. Past it, 429 with Retry-After, as a page for browsers.
/// </summary>
internal sealed class PasswordAttemptLimit(IOptions<ShortUrlOptions> options) : IRateLimiterPolicy<string>
{
    internal const string PolicyName = "password";

    public static void AddPolicy(RateLimiterOptions limiter) => limiter.AddPolicy<string, PasswordAttemptLimit>(PolicyName);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, _) =>
    {
        var context = rejected.HttpContext;
        var retryAfter = CreateRateLimit.RetryAfter(rejected);
        var detail = $"Too many password attempts for this link from your address; try again in {retryAfter} seconds.";
        IResult rejection = ContentNegotiation.PrefersHtml(context.Request)
            ? HtmlPage.Of(StatusCodes.Status429TooManyRequests, "Too many attempts", $"<p>{HtmlPage.Encode(detail)}</p>")
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

internal static class PasswordAttemptLimitEndpoints
{
    /// <summary>Password attempts at the endpoint count towards the client's limit for the link in the route.</summary>
    public static RouteHandlerBuilder RequirePasswordAttemptLimit(this RouteHandlerBuilder endpoint) => endpoint
        .RequireRateLimiting(PasswordAttemptLimit.PolicyName)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
