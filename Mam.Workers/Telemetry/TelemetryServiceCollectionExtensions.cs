using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mam.Workers.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Npgsql's own ActivitySource and Meter (what Npgsql.OpenTelemetry's AddNpgsql() subscribes
    /// to), named here so the telemetry set-up does not pin the Npgsql version the catalog uses.</summary>
    private const string Npgsql = "Npgsql";

    /// <summary>
    /// Logs that carry the trace and span ids of the request or message they belong to, always; and,
    /// only when an OTLP endpoint is configured (Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT),
    /// traces, metrics and logs exported over OTLP: ASP.NET Core (added by the API on the returned
    /// builder), HttpClient (S3, Elasticsearch), MassTransit, Npgsql, and the MAM's own stage spans,
    /// stage durations, pending stages and verified bytes. Without an endpoint no OpenTelemetry
    /// provider is registered at all: no exporter, no listener, no connection attempt.
    /// </summary>
    /// <returns>The OpenTelemetry builder when exporting, else null.</returns>
    public static IOpenTelemetryBuilder? AddMamTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = Read(configuration);
        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(TelemetryOptions.Section))
            .Configure(o =>
            {
                o.OtlpEndpoint = options.OtlpEndpoint;
                o.OtlpProtocol = options.OtlpProtocol;
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMamMetrics();

        // Every log line written inside a request or a consumed message shows its trace id, so a line in
        // the log leads to the trace (and a trace id a client saw leads to the log lines).
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // The console shows scopes only through a named formatter: without a name it copies the
        // obsolete ConsoleLoggerOptions over the formatter's options. An operator's choice stays.
        services.Configure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
        services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);

        if (!options.Enabled || !Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            // Off (the default), or an endpoint that validation at start will reject with a clear message.
            return null;
        }

        services.AddSingleton<StageQueueDepth>();
        return services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddSource(MamTelemetry.Name)
                .AddSource(DiagnosticHeaders.DefaultListenerName)
                .AddSource(Npgsql)
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(MamTelemetry.Name)
                .AddMeter(InstrumentationOptions.MeterName)
                .AddMeter(Npgsql)
                .AddHttpClientInstrumentation()
                // The queue-depth gauge exists only while metrics are exported.
                .AddInstrumentation(sp => sp.GetRequiredService<StageQueueDepth>()))
            .WithLogging()
            .UseOtlpExporter(options.UsesGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf, endpoint);
    }

    /// <summary>The MAM's instruments (<see cref="MamMetrics"/>), which stages and uploads record to
    /// whether or not anything exports them.</summary>
    public static IServiceCollection AddMamMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<MamMetrics>();
        return services;
    }

    /// <summary>The section, with the standard OTEL_* variables as fallbacks for what it leaves unset.</summary>
    private static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            options.OtlpEndpoint = configuration[TelemetryOptions.EndpointVariable];
        }
        if (configuration.GetSection(TelemetryOptions.Section)[nameof(TelemetryOptions.OtlpProtocol)] is null &&
            configuration[TelemetryOptions.ProtocolVariable] is { Length: > 0 } protocol)
        {
            options.OtlpProtocol = protocol;
        }
        return options;
    }
}
