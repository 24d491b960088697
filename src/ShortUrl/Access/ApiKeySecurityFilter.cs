using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ShortUrl.Hosting;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ShortUrl.Access;

/// <summary>
/// Puts the API-key requirement into the OpenAPI document: the <c>X-Api-Key</c> scheme, and the operations that need it
/// (see <see cref="ApiKeyRequirement"/>), so that Swagger UI's Authorize button sends the key.
/// </summary>
internal sealed class ApiKeySecurityFilter(IOptions<ShortUrlOptions> options) : IOperationFilter, IDocumentFilter
{
    public const string SchemeName = "ApiKey";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeys.HeaderName,
            Description = "One of the keys whose SHA-256 hashes are in ShortUrl:ApiKeys.",
        };
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var requirement = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ApiKeyRequirement>().FirstOrDefault();
        if (requirement is null || (requirement.OnlyWhenCreateRequiresKey && !options.Value.RequireApiKeyForCreate))
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
        });
    }
}
