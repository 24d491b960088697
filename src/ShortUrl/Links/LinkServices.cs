namespace ShortUrl.Links;

/// <summary>The links feature's services: codes, the service that creates and finds links, edits, and the no-JS pages.</summary>
internal static class LinkServices
{
    public static IServiceCollection AddLinks(this IServiceCollection services, IWebHostEnvironment environment)
    {
        services.AddSingleton(sp => new Codes(
            sp.GetRequiredService<IOptions<ShortUrlOptions>>().Value.CodeLength,
            ServedNames(environment)));
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<LinkService>();
        services.AddSingleton<LinkLifecycle>();
        services.AddSingleton<IndexPage>();
        services.AddSingleton<CreatePages>();
        services.AddHostedService<SearchIndexer>();
        // Ahead of the default writer, which takes every problem it is offered.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, CreateFormAnswers.ProblemWriter>());
        return services;
    }

    /// <summary>Top-level names in the web root: an alias equal to one would hide a file of the client.</summary>
    private static IEnumerable<string> ServedNames(IWebHostEnvironment environment) =>
        environment.WebRootFileProvider.GetDirectoryContents("/").Select(entry => entry.Name).ToList();
}
