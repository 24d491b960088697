namespace ShortUrl.Portability;

/// <summary>Import and export: the importer (the export reads the store directly).</summary>
internal static class PortabilityServices
{
    public static IServiceCollection AddPortability(this IServiceCollection services) => services.AddSingleton<LinkImporter>();
}
