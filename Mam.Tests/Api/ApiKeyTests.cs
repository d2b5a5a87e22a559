using Mam.Api.Security;
using Mam.Tests.Agent;
using Mam.Tests.Support;
using Mam.Tests.Telemetry;

namespace Mam.Tests.Api;

/// <summary>The key the API generates on first start, as the operator finds it: in the data folder,
/// and nowhere in the logs (the console, or a collector the logs are exported to).</summary>
[TestFixture]
public sealed class ApiKeyTests : TempFolderTest
{
    [Test]
    public async Task FirstStart_LogsWhereTheNewKeyIsKept_AndNeverTheKeyItself()
    {
        await using var collector = await OtlpCollectorStandIn.StartAsync();
        var data = Temp.Combine("data");
        var keyFile = Path.Combine(data, ApiKeyStore.FileName);
        var baseUri = new Uri($"http://127.0.0.1:{RestartableApi.FreePort()}");
        using var api = new WorkerProcess(new Dictionary<string, string>
        {
            ["Urls"] = baseUri.ToString().TrimEnd('/'),
            ["Mam:DataDirectory"] = data,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        }, "Mam.Api");
        using (var reader = new HttpClient { BaseAddress = baseUri })
        {
            await ApiProcessTelemetryTests.WaitUntilReadyAsync(api, reader);
        }
        await collector.WaitForAsync(() => collector.Received("/v1/logs", keyFile), TimeSpan.FromSeconds(30));
        await api.StopGracefullyAsync(TimeSpan.FromSeconds(60));

        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        key.Length.ShouldBe(48, "24 random bytes in hex");
        api.Output.ShouldContain($"Generated a new API key in {keyFile} (mode 0600");
        api.Output.ShouldNotContain(key, Case.Sensitive, "anyone who reads the log could write to the MAM");
        collector.Received("/v1/logs", keyFile).ShouldBeTrue("the line saying where the key is reached the collector");
        foreach (var signal in new[] { "/v1/logs", "/v1/traces", "/v1/metrics" })
        {
            collector.Received(signal, key).ShouldBeFalse($"nor may anyone who reads the collector ({signal})");
        }
    }
}
