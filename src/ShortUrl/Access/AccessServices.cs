namespace ShortUrl.Access;

/// <summary>Who may do what: API keys, the create rate limit, the password attempt limit, and their OpenAPI description.</summary>
internal static class AccessServices
{
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeys>();
        services.AddRateLimiter(limiter =>
        {
            CreateRateLimit.AddCreatePolicy(limiter);
            PasswordAttemptLimit.AddPolicy(limiter);
        });
        services.ConfigureSwaggerGen(swagger =>
        {
            swagger.DocumentFilter<ApiKeySecurityFilter>();
            swagger.OperationFilter<ApiKeySecurityFilter>();
        });
        return services;
    }
}
