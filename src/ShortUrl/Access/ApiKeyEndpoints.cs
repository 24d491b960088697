using Microsoft.Extensions.Options;
using ShortUrl.Hosting;

namespace ShortUrl.Access;

/// <summary>Endpoint metadata: the endpoint needs an API key (always, or only when <c>ShortUrl:RequireApiKeyForCreate</c> is on).</summary>
internal sealed record ApiKeyRequirement(bool OnlyWhenCreateRequiresKey);

/// <summary>Answers 401 without a key and 403 with a wrong one, as problems, before the endpoint runs.</summary>
internal sealed class ApiKeyFilter(ApiKeys keys, IOptions<ShortUrlOptions> options, bool onlyWhenCreateRequiresKey) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (onlyWhenCreateRequiresKey && !options.Value.RequireApiKeyForCreate)
        {
            return await next(context);
        }

        return keys.Of(context.HttpContext.Request) switch
        {
            ApiKeys.Check.Valid => await next(context),
            ApiKeys.Check.Missing => TypedResults.Problem(
                $"This needs an API key in the {ApiKeys.HeaderName} header.",
                statusCode: StatusCodes.Status401Unauthorized, title: "API key required"),
            _ => TypedResults.Problem(
                $"The API key in {ApiKeys.HeaderName} is not one this service accepts.",
                statusCode: StatusCodes.Status403Forbidden, title: "Wrong API key"),
        };
    }
}

internal static class ApiKeyEndpoints
{
    /// <summary>Only callers with an API key reach the endpoint; documented in OpenAPI by <see cref="ApiKeySecurityFilter"/>.</summary>
    public static RouteHandlerBuilder RequireApiKey(this RouteHandlerBuilder endpoint, bool onlyWhenCreateRequiresKey = false) => endpoint
        .WithMetadata(new ApiKeyRequirement(onlyWhenCreateRequiresKey))
        .AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices;
            var filter = new ApiKeyFilter(
                services.GetRequiredService<ApiKeys>(), services.GetRequiredService<IOptions<ShortUrlOptions>>(), onlyWhenCreateRequiresKey);
            return invocation => filter.InvokeAsync(invocation, next);
        })
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);
}
