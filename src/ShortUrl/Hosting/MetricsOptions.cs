using System.ComponentModel.DataAnnotations;
namespace ShortUrl.Hosting;

/// <summary>The <c>ShortUrl:Metrics</c> configuration section: Prometheus's <c>/metrics</c>; validated when the service starts.</summary>
internal sealed class MetricsOptions : IValidatableObject
{
    public const string SectionName = "ShortUrl:Metrics";

    /// <summary>Serves <c>/metrics</c> in Prometheus's text format: to admin keys, or on <see cref="Port"/> alone.</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// A port of its own for <c>/metrics</c>, on the addresses the service listens on, where it needs no key and nothing
    /// else is served; unset, <c>/metrics</c> is on the service's own port and needs an admin key.
    /// </summary>
    [Range(1, 65535, ErrorMessage = "ShortUrl:Metrics:Port must be from 1 to 65535.")]
    public int? Port { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Port is not null && !Prometheus)
        {
            yield return new ValidationResult(
                "ShortUrl:Metrics:Port serves /metrics, which ShortUrl:Metrics:Prometheus=true turns on; set both, or neither.", [nameof(Port)]);
        }
    }
}
