using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ShortUrl.Access;

/// <summary>
/// Puts the API keys into the OpenAPI document: on each operation with an <see cref="AccessRule"/>, the <c>X-Api-Key</c>
/// scheme (<see cref="Scheme"/>), needed in the configured mode or optional, so that Swagger UI's Authorize button sends
/// the key.
/// </summary>
internal sealed class ApiKeySecurityFilter(IOptions<ShortUrlOptions> options) : IOperationFilter
{
    public const string SchemeName = "ApiKey";

    /// <summary>Defined with the document's generator, so that operations can refer to it while they are described.</summary>
    public static OpenApiSecurityScheme Scheme => new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = KeyRing.HeaderName,
        Description = "An admin or author key: from the service's keys command, or one whose SHA-256 is in ShortUrl:ApiKeys.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var rule = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AccessRule>().FirstOrDefault();
        if (rule is null)
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
        });
        if (rule.AllowsAnonymous(options.Value.EffectiveAnonymous))
        {
            // An empty requirement: calling without a key is fine too.
            operation.Security.Add(new OpenApiSecurityRequirement());
        }
    }
}
