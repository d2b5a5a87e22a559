using Mam.Tests.Support;
using Mam.Workers.Telemetry;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mam.Tests.Telemetry;

/// <summary>What an operator who points the MAM at an OpenTelemetry collector sees arrive there (a
/// named stand-in for the collector's OTLP/HTTP receiver), and that nothing is exported, or even
/// set up to be, when they don't.</summary>
[TestFixture]
public sealed class ApiTelemetryTests
{
    [Test]
    public async Task Api_WithOtlpEndpointSetting_ExportsTheRequestSpanInTheCallersTraceAndStageMetrics()
    {
        await using var collector = await OtlpCollectorStandIn.StartAsync();
        var traceId = TracedCard.NewTraceId();
        using (var api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Telemetry:OtlpEndpoint"] = collector.Endpoint.ToString(),
            // The standard OTEL_* settings are honoured too: export every 200 ms rather than every 5 s / 60 s.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        }))
        {
            using var writer = api.CreateWriter();
            await TracedCard.RegisterAsync(writer, traceId);
            await TracedCard.WaitUntilSettledAsync(api.CreateReader());
            await collector.WaitForAsync(() => collector.Received("/v1/metrics", MamTelemetry.StageDuration, "probe", "failed"), TimeSpan.FromSeconds(20));
        }

        // The API's server span joined the caller's trace; the pipeline's spans (MassTransit, the stage) followed it.
        collector.ReceivedTraceId("/v1/traces", traceId).ShouldBeTrue(string.Join(", ", collector.Paths));
        collector.Received("/v1/traces", "mam-api", "http.route", "/api/cards").ShouldBeTrue();
        collector.Received("/v1/traces", "stage probe").ShouldBeTrue();
        collector.Received("/v1/metrics", MamTelemetry.StageDuration, "probe", "failed").ShouldBeTrue();
        collector.Received("/v1/metrics", MamTelemetry.BytesVerified, "match").ShouldBeTrue();
        collector.Received("/v1/metrics", MamTelemetry.StagesPending, "transcribe").ShouldBeTrue();
        collector.Received("/v1/metrics", "http.server.request.duration").ShouldBeTrue();
    }

    [Test]
    public async Task Api_WithoutOtlpEndpoint_SetsUpNoExporterAndStillServes()
    {
        using var api = new MamApiFactory();
        using var reader = api.CreateReader();

        (await reader.GetAsync("/health/ready")).IsSuccessStatusCode.ShouldBeTrue();

        // No provider means no exporter, no listener on any source, and no connection to anywhere.
        api.Services.GetService<TracerProvider>().ShouldBeNull();
        api.Services.GetService<MeterProvider>().ShouldBeNull();
        api.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Enabled.ShouldBeFalse();
    }

    [Test]
    public void Api_WithAnOtlpEndpointThatIsNotAUrl_RefusesToStartAndNamesTheSetting()
    {
        using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Telemetry:OtlpEndpoint"] = "collector:4318" });

        var error = Should.Throw<OptionsValidationException>(() => api.CreateReader());

        error.Message.ShouldContain("Telemetry:OtlpEndpoint");
        error.Message.ShouldContain("http://");
    }

    [Test]
    public void Api_MassTransitUsageReports_AreSwitchedOff()
    {
        using var api = new MamApiFactory();
        using var reader = api.CreateReader();

        // MassTransit would post them to its vendor some minutes after start (and log a stack trace
        // when it cannot). Its tracker, built as the bus started, wrote MASSTRANSIT_USAGE_TELEMETRY's
        // word into these options: this is the final one (the test fails with the variable true).
        api.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled.ShouldBeFalse();
    }
}
