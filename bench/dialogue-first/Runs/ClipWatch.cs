using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Bench.DialogueFirst.Cards;

namespace Mam.Bench.DialogueFirst.Runs;

/// <summary>What was seen of one clip: when (server time, UTC) it became searchable by dialogue, when a search for its
/// words first listed it (bench clock, UTC), when its last stage ended, and its stages' outcomes.</summary>
public sealed class ClipProgress(SpokenClip clip)
{
    public SpokenClip Clip { get; } = clip;
    public Guid? AssetId { get; set; }
    public DateTime? DialogueSearchableAt { get; set; }
    public DateTime? FoundBySearchAt { get; set; }
    public DateTime? FullyProcessedAt { get; set; }
    public bool Failed { get; set; }
    public IReadOnlyList<StageSeen> Stages { get; set; } = [];
}

public sealed record StageSeen(string Stage, string Status, DateTime? StartedAt, DateTime? FinishedAt);

/// <summary>Polls the API the way a client would: the asset list (each asset with its stages) and the search.
/// A clip is dialogue-searchable when its index-dialogue (or full index) stage is done, and the search for
/// its words is then asked until it lists the clip.</summary>
public sealed class ClipWatch(HttpClient http, string project, IReadOnlyList<SpokenClip> clips)
{
    public IReadOnlyList<ClipProgress> Clips { get; } = clips.Select(c => new ClipProgress(c)).ToList();

    public bool AllSearchable => Clips.All(c => c.DialogueSearchableAt is not null && c.FoundBySearchAt is not null);

    public bool AllSettled => Clips.All(c => c.FullyProcessedAt is not null || c.Failed);

    /// <summary>One look at every clip; call until <see cref="AllSettled"/>.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/assets?project={project}&take=500", cancellationToken).ConfigureAwait(false);
        foreach (var asset in page.GetProperty("items").EnumerateArray())
        {
            var name = asset.GetProperty("clipName").GetString() ?? "";
            var progress = Clips.FirstOrDefault(c => string.Equals(Path.GetFileNameWithoutExtension(c.Clip.FileName), name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Clip.FileName, name, StringComparison.OrdinalIgnoreCase));
            if (progress is null)
            {
                continue;
            }
            progress.AssetId = asset.GetProperty("id").GetGuid();
            progress.Stages = asset.GetProperty("stages").EnumerateArray().Select(s => new StageSeen(
                s.GetProperty("stage").GetString() ?? "", s.GetProperty("status").GetString() ?? "",
                Utc(s.GetProperty("startedAt")), Utc(s.GetProperty("finishedAt")))).ToList();
            Observe(progress);
        }
        foreach (var progress in Clips.Where(c => c.DialogueSearchableAt is not null && c.FoundBySearchAt is null))
        {
            if (await SearchFindsAsync(progress, cancellationToken).ConfigureAwait(false))
            {
                progress.FoundBySearchAt = DateTime.UtcNow;
            }
        }
    }

    /// <summary>The search for the clip's words lists it (used again once everything has settled).</summary>
    public async Task<bool> SearchFindsAsync(ClipProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var query = Uri.EscapeDataString(progress.Clip.Query);
        var result = await http.GetFromJsonAsync<JsonElement>($"/api/search?q={query}&project={project}&limit=200", cancellationToken).ConfigureAwait(false);
        return result.GetProperty("clips").EnumerateArray().Any(c => c.GetProperty("assetId").GetGuid() == progress.AssetId);
    }

    private static void Observe(ClipProgress progress)
    {
        var dialogue = progress.Stages.FirstOrDefault(s => s is { Stage: "index-dialogue", Status: "done" })
            ?? progress.Stages.FirstOrDefault(s => s is { Stage: "index", Status: "done" });
        progress.DialogueSearchableAt ??= dialogue?.FinishedAt;
        progress.Failed = progress.Stages.Any(s => s.Status == "failed");
        if (progress.Stages.Count > 0 && progress.Stages.All(s => s.Status is "done" or "skipped"))
        {
            progress.FullyProcessedAt ??= progress.Stages.Max(s => s.FinishedAt);
        }
    }

    /// <summary>Catalog times come back without a zone from SQLite; they are UTC.</summary>
    public static DateTime? Utc(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : Utc(value.GetDateTime());

    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    public static string Seconds(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
