namespace ShortUrl.Portability;

/// <summary>Import and export: the importer and its limits (the export reads the store directly).</summary>
internal static class PortabilityServices
{
    public static IServiceCollection AddPortability(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>()
            .BindConfiguration(ImportOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services.AddSingleton<LinkImporter>();
    }
}
