using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Bench.DialogueFirst.Cards;
using Mam.Bench.Harness;

namespace Mam.Bench.DialogueFirst.Runs;

/// <param name="AgentStartedAt">When the agent was started (bench clock, UTC).</param>
/// <param name="RegisteredAt">The card's RegisteredAt (server clock, UTC): time zero.</param>
/// <param name="DialogueLoad">The machine from the agent's start until every clip was found by dialogue.</param>
/// <param name="FullLoad">The machine from the agent's start until every clip was fully processed.</param>
/// <param name="CpuSeconds">CPU of the API, its embedded workers and their tools over the whole run.</param>
public sealed record DialogueResult(ClipWatch Watch, DateTime AgentStartedAt, double AgentSeconds, DateTime RegisteredAt,
    string DialogueLoad, string FullLoad, double? CpuSeconds, int SearchFindsAtEnd);

/// <summary>One MAM out of the box — `dotnet Mam.Api.dll` with only a data directory of its own — fed the card by the
/// real agent, then watched through the API until every clip has settled.</summary>
public sealed class DialogueRun(RepoPaths repo, TextWriter log)
{
    private const string Project = "DialogueFirst";

    public async Task<DialogueResult> RunAsync(SpokenCard card, string folder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var data = Path.Combine(folder, "data");
        // Nothing but the data directory: the catalog, store, search file and bus are the defaults.
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["Logging:LogLevel:Default"] = "Warning" };
        using var api = await MamApiProcess.StartAsync(repo, settings, data, embeddedWorkers: true, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"  Mam.Api pid {api.ProcessId} on {api.BaseUri} (embedded workers)").ConfigureAwait(false);
        using var http = api.CreateClient(TimeSpan.FromSeconds(60));

        var dialogueLoad = await LoadSampler.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var fullLoad = await LoadSampler.StartAsync(cancellationToken).ConfigureAwait(false);
        var cpuBefore = api.CpuSeconds();
        var agentStartedAt = DateTime.UtcNow;
        var agent = Stopwatch.StartNew();
        await AgentOffload.RunAsync(repo, api, card.Folder, Path.Combine(folder, "raid"), Project, cancellationToken).ConfigureAwait(false);
        agent.Stop();
        await log.WriteLineAsync(DialogueFirstBench.F($"  agent: offload + upload + register {agent.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);

        var watch = new ClipWatch(http, Project, card.Clips);
        string? dialogueSeen = null;
        var waited = Stopwatch.StartNew();
        // Until every stage has ended: nothing becomes searchable after that, so a clip not found by then (it failed,
        // or its transcript lacks the query's words) is reported as not found rather than waited for.
        while (!watch.AllSettled)
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"Not settled within {timeout}:\n{Describe(watch)}\n--- Mam.Api ---\n{api.Tail}");
            }
            await watch.PollAsync(cancellationToken).ConfigureAwait(false);
            if (dialogueSeen is null && watch.AllSearchable)
            {
                dialogueSeen = await dialogueLoad.StopAsync(cancellationToken).ConfigureAwait(false);
                await log.WriteLineAsync("  every clip found by its dialogue").ConfigureAwait(false);
            }
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
        var full = await fullLoad.StopAsync(cancellationToken).ConfigureAwait(false);
        dialogueSeen ??= "not reached";
        await dialogueLoad.DisposeAsync().ConfigureAwait(false);
        var cpu = api.CpuSeconds() - cpuBefore;

        var registeredAt = await RegisteredAtAsync(http, watch, cancellationToken).ConfigureAwait(false);
        var findsAtEnd = 0;
        foreach (var clip in watch.Clips.Where(c => c.AssetId is not null))
        {
            findsAtEnd += await watch.SearchFindsAsync(clip, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }
        return new DialogueResult(watch, agentStartedAt, agent.Elapsed.TotalSeconds, registeredAt, dialogueSeen, full, cpu, findsAtEnd);
    }

    /// <summary>Time zero, from the card the first asset belongs to.</summary>
    private static async Task<DateTime> RegisteredAtAsync(HttpClient http, ClipWatch watch, CancellationToken cancellationToken)
    {
        var assetId = watch.Clips.Select(c => c.AssetId).FirstOrDefault(id => id is not null)
            ?? throw new InvalidOperationException("No asset of the card appeared in GET /api/assets.");
        var asset = await http.GetFromJsonAsync<JsonElement>($"/api/assets/{assetId}", cancellationToken).ConfigureAwait(false);
        var card = await http.GetFromJsonAsync<JsonElement>($"/api/cards/{asset.GetProperty("cardId").GetGuid()}", cancellationToken).ConfigureAwait(false);
        return ClipWatch.Utc(card.GetProperty("registeredAt").GetDateTime());
    }

    private static string Describe(ClipWatch watch) => string.Join('\n', watch.Clips.Select(c =>
        $"  {c.Clip.FileName}: {string.Join(", ", c.Stages.Select(s => $"{s.Stage} {s.Status}"))}"));
}
