namespace ShortUrl.RedirectIndex;

/// <summary>The redirect's memory: the index of plain links, the cache in front of the store, their loader and listener.</summary>
internal static class RedirectIndexServices
{
    public static IServiceCollection AddRedirectIndex(this IServiceCollection services)
    {
        services.AddSingleton(sp => new LinkIndex(sp.GetRequiredService<IOptions<ShortUrlOptions>>().Value.LinkIndexSize));
        services.AddSingleton<LinkCache>();
        services.AddHostedService<LinkIndexLoader>();
        services.AddHostedService<LinkChangeListener>();
        return services;
    }
}
