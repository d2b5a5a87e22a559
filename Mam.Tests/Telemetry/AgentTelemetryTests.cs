using System.Diagnostics.Metrics;
using Ingest.Agent.Telemetry;
using Mam.Tests.Agent;
using Mam.Tests.Support;

namespace Mam.Tests.Telemetry;

/// <summary>The agent exports only when the DIT (or the cart's automation) sets
/// OTEL_EXPORTER_OTLP_ENDPOINT; a named stand-in for a collector's OTLP/HTTP receiver stands in.</summary>
[TestFixture]
public sealed class AgentTelemetryTests : TempFolderTest
{
    [Test]
    public async Task Offload_WithOtlpEndpoint_ExportsOffloadAndUploadSpansAndVerifiedBytes()
    {
        await using var collector = await OtlpCollectorStandIn.StartAsync();
        using var api = new MamApiFactory(realSocket: true);
        var card = SampleCard.Create(Temp);

        AgentResult result;
        using (OtlpExport.StartIfConfigured(collector.Endpoint.ToString(), protocol: null))
        {
            result = await Agent.Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--dest", Temp.Combine("d2"),
                "--project", "Telemetry", "--api", api.BaseUri.ToString(), "--token", api.AdminToken);
        }

        // Disposing the export flushed it: a short CLI run loses nothing.
        result.ExitCode.ShouldBe(0, result.ToString());
        collector.Received("/v1/traces", "ingest-agent", "offload card").ShouldBeTrue(string.Join(", ", collector.Paths));
        collector.Received("/v1/traces", "upload card", "A001R1AB").ShouldBeTrue();
        collector.Received("/v1/traces", "upload file", "Clips/A001C001_261121_R1AB.mov").ShouldBeTrue();
        collector.Received("/v1/metrics", AgentTelemetry.BytesVerifiedName, "offload", "full").ShouldBeTrue();
        collector.Received("/v1/metrics", AgentTelemetry.BytesVerifiedName, "upload").ShouldBeTrue();
    }

    [Test]
    public async Task Upload_WhenStorageGoesDownMidway_CountsAsVerifiedOnlyThePartsThatArrived()
    {
        var card = SampleCard.Create(Temp);
        await using var api = await UploadSessionStandIn.StartAsync("telemetry-key");
        api.PartsBeforeOutage = 10;
        long counted = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AgentTelemetry.Name && instrument.Name == AgentTelemetry.BytesVerifiedName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, bytes, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "ingest.check" && tag.Value as string == "upload")
                {
                    Interlocked.Add(ref counted, bytes);
                }
            }
        });
        listener.Start();

        var result = await Agent.Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Telemetry",
            "--api", api.BaseAddress.ToString(), "--token", "telemetry-key", "--api-retries", "1");

        result.ExitCode.ShouldBe(3, result.ToString());
        api.AcceptedBytes.ShouldBeGreaterThan(0);
        Interlocked.Read(ref counted).ShouldBe(api.AcceptedBytes, "a part that never arrived was verified by no one");
    }

    [Test]
    public void Agent_WithoutOtlpEndpoint_StartsNoExport()
    {
        OtlpExport.StartIfConfigured(value: null, protocol: null).ShouldBeNull();
        OtlpExport.StartIfConfigured(value: "  ", protocol: null).ShouldBeNull();
    }

    [Test]
    public void Agent_WithAnOtlpEndpointThatIsNotAUrl_SaysWhichVariableToFix()
    {
        var error = Should.Throw<ArgumentException>(() => OtlpExport.StartIfConfigured("collector:4318", null));

        error.Message.ShouldContain("OTEL_EXPORTER_OTLP_ENDPOINT");
        error.Message.ShouldContain("Unset it to export nothing");
    }
}
