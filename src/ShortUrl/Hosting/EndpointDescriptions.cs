namespace ShortUrl.Hosting;

/// <summary>How an endpoint names and explains itself in the OpenAPI document, in one call.</summary>
internal static class EndpointDescriptions
{
    /// <summary>
    /// The operation's id, its one-line summary and, where there is more to say, its description: prose wrapped over
    /// lines in the source, one paragraph in the document.
    /// </summary>
    public static TBuilder Describe<TBuilder>(this TBuilder endpoint, string name, string summary, string? description = null)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoint.WithName(name).WithSummary(summary);
        return description is null ? endpoint : endpoint.WithDescription(description.ReplaceLineEndings(" "));
    }
}
