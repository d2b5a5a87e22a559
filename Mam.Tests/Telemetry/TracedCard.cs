using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mam.Tests.Api;

namespace Mam.Tests.Telemetry;

/// <summary>A card of one clip that ffprobe cannot read, uploaded and registered in a trace the test
/// chose (a W3C traceparent header, as a caller already inside a trace sends): its probe stage runs,
/// fails quickly and ends the clip's pipeline, so a test sees a stage's span, metric and log line
/// without waiting for proxies or transcripts.</summary>
public static class TracedCard
{
    public const string Project = "Telemetry";
    public const string Card = "A001";

    public static string NewTraceId() => ActivityTraceId.CreateRandom().ToHexString();

    public static async Task RegisterAsync(HttpClient writer, string traceId)
    {
        var bytes = Encoding.UTF8.GetBytes("not really a movie");
        (await CardRegistrationTests.Upload(writer, Project, Card, "Clips/A001C001.mov", bytes)).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cards")
        {
            Content = JsonContent.Create(new
            {
                project = Project,
                name = Card,
                dit = "Test DIT",
                offloadedAt = DateTimeOffset.UtcNow,
                files = new[] { new { path = "Clips/A001C001.mov", size = (long)bytes.Length, hashes = new Dictionary<string, string> { ["xxh64"] = CardRegistrationTests.Xxh64Of(bytes) } } },
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await writer.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>Waits until no clip of the project is still processing (here: its probe failed).</summary>
    public static async Task WaitUntilSettledAsync(HttpClient reader)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await reader.GetFromJsonAsync<JsonElement>($"/api/assets?project={Project}");
            var states = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()).ToList();
            if (states.Count > 0 && states.All(s => s != "processing"))
            {
                return;
            }
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the clip is still processing: {page}");
            await Task.Delay(200);
        }
    }
}
