using System.Net.Http.Json;
using System.Text.Json;
using Mam.Tests.Api;
using Mam.Tests.Support;
using Mam.Workers.Pipeline.Registry;

namespace Mam.Tests.Workers;

/// <summary>The real API with embedded workers (in-memory bus, SQLite, folder store) and the test's
/// speech settings; clips go in through the upload and card endpoints, as the agent sends them.</summary>
internal sealed class TranscribePipeline : IDisposable
{
    private readonly MamApiFactory _api;
    private readonly HttpClient _client;

    public TranscribePipeline(IReadOnlyDictionary<string, string>? settings = null)
    {
        _api = new MamApiFactory(settings: settings);
        _client = _api.CreateWriter();
    }

    public HttpClient Client => _client;

    public IServiceProvider Services => _api.Services;

    public async Task<Guid> RegisterClipAsync(string clipPath)
    {
        var name = Path.GetFileName(clipPath);
        var bytes = await File.ReadAllBytesAsync(clipPath);
        (await CardRegistrationTests.Upload(_client, "Speech", "S001R1", $"Clips/{name}", bytes)).EnsureSuccessStatusCode();
        var response = await _client.PostAsJsonAsync("/api/cards", new
        {
            project = "Speech",
            name = "S001R1",
            dit = "Test DIT",
            offloadedAt = DateTimeOffset.UtcNow,
            files = new[] { new { path = $"Clips/{name}", size = bytes.LongLength, hashes = new Dictionary<string, string> { ["xxh64"] = CardRegistrationTests.Xxh64Of(bytes) } } },
        });
        response.EnsureSuccessStatusCode();
        var registered = await response.Content.ReadFromJsonAsync<JsonElement>();
        return registered.GetProperty("assets")[0].GetProperty("id").GetGuid();
    }

    /// <summary>The asset once no stage is pending or running any more (or the time is up).</summary>
    public async Task<JsonElement> WaitUntilSettledAsync(Guid assetId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement asset;
        do
        {
            asset = await _client.GetFromJsonAsync<JsonElement>($"/api/assets/{assetId}");
            if (IsSettled(asset))
            {
                return asset;
            }
            await Task.Delay(300);
        }
        while (DateTime.UtcNow < deadline);
        return asset;
    }

    /// <summary>No step is running, and every step still pending waits behind one that failed (after a
    /// failed transcription the two index steps wait for ever; waiting out the test's patience for
    /// them only made the test slow).</summary>
    private static bool IsSettled(JsonElement asset)
    {
        var status = asset.GetProperty("stages").EnumerateArray().ToDictionary(
            s => StageRegistry.Find(s.GetProperty("stage").GetString())!.Name.Value, s => s.GetProperty("status").GetString());
        bool Blocked(string stage) => StageRegistry.Find(stage)!.Prerequisites.Any(p =>
            status.GetValueOrDefault(p.Value) is "failed" || status.GetValueOrDefault(p.Value) is "pending" && Blocked(p.Value));
        return status.All(s => s.Value is not ("pending" or "running") || s.Value == "pending" && Blocked(s.Key));
    }

    public static JsonElement Stage(JsonElement asset, string name) =>
        asset.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == name);

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
    }
}
