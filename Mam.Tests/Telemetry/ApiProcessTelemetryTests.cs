using Mam.Api.Security.SignIn;
using Mam.Tests.Agent;
using Mam.Tests.Support;

namespace Mam.Tests.Telemetry;

/// <summary>Mam.Api as the operator runs it (a process, configured by environment variables, its
/// console log read as they would read it).</summary>
[TestFixture]
public sealed class ApiProcessTelemetryTests : TempFolderTest
{
    [Test]
    public async Task ApiProcess_WithOtlpVariable_LogsCarryTheTraceIdOfTheRequestThatStartedTheWork()
    {
        await using var collector = await OtlpCollectorStandIn.StartAsync();
        var traceId = TracedCard.NewTraceId();
        using var api = StartApi(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        }, out var reader);
        using (reader)
        {
            await WaitUntilReadyAsync(api, reader);
            using var writer = new HttpClient { BaseAddress = reader.BaseAddress };
            var token = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Temp.Combine("data", FirstAdministrator.TokenFile))).Trim());
            writer.DefaultRequestHeaders.Authorization = token;
            reader.DefaultRequestHeaders.Authorization = token;
            await TracedCard.RegisterAsync(writer, traceId);
            await TracedCard.WaitUntilSettledAsync(reader);
            await collector.WaitForAsync(() => api.Output.Contains(traceId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        }
        await api.StopGracefullyAsync(TimeSpan.FromSeconds(60));

        // The probe ran in a message consumer, yet its log line names the trace of the request that
        // registered the card: the trace id links a log line to the whole story in the collector.
        var probeLine = ProbeLogEntry(api.Output);
        probeLine.ShouldContain($"TraceId:{traceId}", customMessage: api.Output);
        collector.ReceivedTraceId("/v1/traces", traceId).ShouldBeTrue();
        collector.Received("/v1/traces", "mam-api", "stage probe").ShouldBeTrue();
    }

    private WorkerProcess StartApi(Dictionary<string, string> settings, out HttpClient reader)
    {
        var baseUri = new Uri($"http://127.0.0.1:{RestartableApi.FreePort()}");
        settings["Urls"] = baseUri.ToString().TrimEnd('/');
        settings["Mam:DataDirectory"] = Temp.Combine("data");
        var api = new WorkerProcess(settings, "Mam.Api");
        reader = new HttpClient { BaseAddress = baseUri };
        return api;
    }

    internal static async Task WaitUntilReadyAsync(WorkerProcess api, HttpClient reader)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            api.HasExited.ShouldBeFalse(api.Output);
            try
            {
                if ((await reader.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            DateTime.UtcNow.ShouldBeLessThan(deadline, api.Output);
            await Task.Delay(250);
        }
    }

    /// <summary>The console entry (level line, scope line, message line) that reports the probe's outcome.</summary>
    private static string ProbeLogEntry(string output)
    {
        var lines = output.Split('\n');
        var message = Array.FindIndex(lines, l => l.Contains("Probe of asset", StringComparison.Ordinal));
        message.ShouldBeGreaterThan(1, output);
        return string.Join('\n', lines[(message - 2)..(message + 1)]);
    }
}
