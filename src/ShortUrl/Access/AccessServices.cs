namespace ShortUrl.Access;

/// <summary>Who may do what: API keys and their last uses, the create rate limit, the password attempt limit, and their OpenAPI description.</summary>
internal static class AccessServices
{
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddSingleton<KeyRing>();
        services.AddSingleton<KeyUses>();
        services.AddSingleton<KeyUseWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyUseWriter>());
        services.AddRateLimiter(limiter =>
        {
            CreateRateLimit.AddCreatePolicy(limiter);
            PasswordAttemptLimit.AddPolicy(limiter);
        });
        services.ConfigureSwaggerGen(swagger =>
        {
            swagger.AddSecurityDefinition(ApiKeySecurityFilter.SchemeName, ApiKeySecurityFilter.Scheme);
            swagger.OperationFilter<ApiKeySecurityFilter>();
        });
        return services;
    }
}
