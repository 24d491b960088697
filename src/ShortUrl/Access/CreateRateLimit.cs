using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
namespace ShortUrl.Access;

/// <summary>
/// Creates (and imports) per client address, or per IPv6 /64 (<c>ShortUrl:RateLimit</c>): past it, 429 with
/// Retry-After, as the page for the page's form posted without JavaScript. The redirects and the page are never limited.
/// </summary>
internal static class CreateRateLimit
{
    private const string PolicyName = "create";

    /// <summary>The endpoint counts towards the client's create limit.</summary>
    public static RouteHandlerBuilder RequireCreateRateLimit(this RouteHandlerBuilder endpoint) => endpoint
        .RequireRateLimiting(PolicyName)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static void AddCreatePolicy(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
        limiter.AddPolicy(PolicyName, context =>
        {
            var rate = context.RequestServices.GetRequiredService<IOptions<ShortUrlOptions>>().Value.RateLimit;
            return rate.PermitLimit == 0
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : RateLimitPartition.GetFixedWindowLimiter(
                    ClientAddress.PartitionKey(context.Connection.RemoteIpAddress),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = rate.PermitLimit,
                        Window = TimeSpan.FromSeconds(rate.WindowSeconds),
                        QueueLimit = 0,
                    });
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.RequestServices.GetRequiredService<ShortUrlMetrics>().RateLimitRejected("create");
        var retryAfter = RetryAfter(rejected);
        var detail = $"Too many links created from your address; try again in {retryAfter} seconds.";
        IResult rejection = LinksApi.AnswerOf(context.Request) == Representation.Html
            ? context.RequestServices.GetRequiredService<CreatePages>().CreateFailed(StatusCodes.Status429TooManyRequests, detail, null, null)
            : TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                type: "https://tools.ietf.org/html/rfc6585#section-4");
        await rejection.ExecuteAsync(context);
    }

    /// <summary>Seconds until the limit lets the client in again, also sent as Retry-After.</summary>
    internal static int RetryAfter(OnRejectedContext rejected)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
