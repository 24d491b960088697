namespace ShortUrl.Clicks;

/// <summary>Clicks: the queue the redirect records into, and the writer that empties it into the store.</summary>
internal static class ClickServices
{
    public static IServiceCollection AddClicks(this IServiceCollection services) =>
        services.AddSingleton<ClickQueue>().AddSingleton<VisitCountries>().AddHostedService<ClickWriter>();
}
