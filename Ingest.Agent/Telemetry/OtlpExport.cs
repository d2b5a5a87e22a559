using System.Runtime.CompilerServices;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ingest.Agent.Telemetry;

/// <summary>
/// Exports the agent's spans (offload, upload, each HTTP call) and metrics over OTLP, only when the
/// standard OTEL_EXPORTER_OTLP_ENDPOINT variable is set. Otherwise the OpenTelemetry assemblies are
/// not even loaded: the agent makes no connection but to the MAM it is told to upload to.
/// </summary>
public static class OtlpExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <returns>What flushes and stops the export when disposed (at exit), or null when off.</returns>
    /// <exception cref="ArgumentException">The variable is set but is not an http(s) URL.</exception>
    public static IDisposable? StartIfConfigured() =>
        StartIfConfigured(Environment.GetEnvironmentVariable(EndpointVariable), Environment.GetEnvironmentVariable(ProtocolVariable));

    /// <param name="value">The endpoint variable's value.</param>
    /// <param name="protocol">The protocol variable's value: "grpc", else OTLP over HTTP with protobuf.</param>
    public static IDisposable? StartIfConfigured(string? value, string? protocol)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{EndpointVariable} must be an http:// or https:// URL of an OTLP receiver (e.g. http://collector:4318); it is '{value}'. Unset it to export nothing.");
        }
        return Start(endpoint, grpc: string.Equals(protocol, "grpc", StringComparison.OrdinalIgnoreCase));
    }

    // Not inlined: the OpenTelemetry types load only when this runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Providers Start(Uri endpoint, bool grpc)
    {
        var resource = ResourceBuilder.CreateDefault().AddService("ingest-agent");
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(AgentTelemetry.Name)
            // The runtime's own HttpClient spans and metrics: no instrumentation package needed.
            .AddSource("System.Net.Http")
            .AddOtlpExporter(o => Configure(o, endpoint, grpc, "v1/traces"))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(AgentTelemetry.Name)
            .AddMeter("System.Net.Http")
            .AddOtlpExporter(o => Configure(o, endpoint, grpc, "v1/metrics"))
            .Build();
        return new Providers(tracing, metrics);
    }

    /// <summary>Set in code, the HTTP endpoint is used as given, so the signal's path is added here
    /// (the OTLP specification's rule for the base URL in the variable).</summary>
    private static void Configure(OtlpExporterOptions options, Uri endpoint, bool grpc, string signalPath)
    {
        options.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }

    private sealed class Providers(TracerProvider? tracing, MeterProvider? metrics) : IDisposable
    {
        public void Dispose()
        {
            // Dispose flushes what is still batched: a short CLI run must not lose its spans.
            tracing?.Dispose();
            metrics?.Dispose();
        }
    }
}
