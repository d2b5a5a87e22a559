using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Telemetry;

/// <summary>Section "Telemetry". Nothing is exported unless an OTLP endpoint is given here or in the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>The standard variables of the OpenTelemetry specification, read as a fallback.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Base URL of an OTLP receiver (a collector), e.g. http://collector:4318; the signal paths
    /// (/v1/traces, /v1/metrics, /v1/logs) are added.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"http/protobuf" (default, port 4318) or "grpc" (port 4317), as in OTEL_EXPORTER_OTLP_PROTOCOL.</summary>
    public string OtlpProtocol { get; set; } = "http/protobuf";

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public bool UsesGrpc => string.Equals(OtlpProtocol, "grpc", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                $"Telemetry:OtlpEndpoint (or {EndpointVariable}) must be an absolute http:// or https:// URL of an OTLP receiver, e.g. http://collector:4318; it is '{OtlpEndpoint}'.",
                [nameof(OtlpEndpoint)]);
        }
        if (!UsesGrpc && !string.Equals(OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"Telemetry:OtlpProtocol (or {ProtocolVariable}) must be 'http/protobuf' or 'grpc'; it is '{OtlpProtocol}'.",
                [nameof(OtlpProtocol)]);
        }
    }
}
