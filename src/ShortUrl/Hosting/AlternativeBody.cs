using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ShortUrl.Hosting;

/// <summary>
/// Endpoint metadata: a text body an endpoint sends instead of its documented one for the same status (the bare
/// short URL, the 404 page for browsers). ApiExplorer keeps one body per status, so <see cref="AlternativeBodyFilter"/>
/// adds these to the OpenAPI document.
/// </summary>
internal sealed record AlternativeBody(int StatusCode, string ContentType);

internal sealed class AlternativeBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var body in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AlternativeBody>())
        {
            var status = body.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses?.GetValueOrDefault(status)?.Content is { } content)
            {
                content[body.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }
    }
}
