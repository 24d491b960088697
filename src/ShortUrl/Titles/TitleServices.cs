namespace ShortUrl.Titles;

/// <summary>Fetching titles: the queue creates offer links to, the client that fetches, the fetcher that drains the queue.</summary>
internal static class TitleServices
{
    public static IServiceCollection AddTitles(this IServiceCollection services)
    {
        services.AddSingleton<TitleFetchQueue>();
        services.AddSingleton(TitleFetchPolicy.Default);
        services.AddSingleton<TitleClient>();
        services.AddHostedService<TitleFetcher>();
        return services;
    }
}
