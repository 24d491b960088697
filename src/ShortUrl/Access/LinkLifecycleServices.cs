using ShortUrl.Links;
using ShortUrl.RedirectIndex;
using ShortUrl.Redirects;
namespace ShortUrl.Access;

/// <summary>The registrations of what happens to links after they are created: rules, passwords, API keys, edits.</summary>
public static class LinkLifecycleServices
{
    public static IServiceCollection AddLinkLifecycle(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<LinkLifecycle>();
        services.AddHostedService<LinkChangeListener>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, PasswordAttemptLimit>(PasswordAttemptLimit.PolicyName));
        services.ConfigureSwaggerGen(swagger =>
        {
            swagger.DocumentFilter<ApiKeySecurityFilter>();
            swagger.OperationFilter<ApiKeySecurityFilter>();
        });
        return services;
    }

    public static WebApplication MapLinkLifecycle(this WebApplication app)
    {
        app.MapLinkManagement();
        app.MapLinkPasswords();
        app.MapLinkPreview();
        return app;
    }
}
