using Mam.Catalog.Entities;
using Mam.Contracts.Messages;

namespace Mam.Workers.Pipeline;

/// <summary>Which stage waits for which (pure policy, no I/O). Proxy and transcription both need the
/// probe's answers (duration, audio present) but not each other, so they run side by side. Analysis
/// comes after the proxy: the clip's cheap previews are out first, then the long look at every shot.
/// The index waits for the transcript and the analysis, whose words and tags it makes searchable.</summary>
public static class PipelinePlan
{
    public static IReadOnlyList<StageName> Stages { get; } =
        [StageName.Probe, StageName.Proxy, StageName.Transcribe, StageName.Analyse, StageName.Index];

    private static readonly Dictionary<StageName, StageName[]> Prerequisites = new()
    {
        [StageName.Probe] = [],
        [StageName.Proxy] = [StageName.Probe],
        [StageName.Transcribe] = [StageName.Probe],
        [StageName.Analyse] = [StageName.Probe, StageName.Proxy],
        [StageName.Index] = [StageName.Probe, StageName.Transcribe, StageName.Analyse],
    };

    public static IReadOnlyList<StageName> PrerequisitesOf(StageName stage) => Prerequisites[stage];

    public static bool IsSettled(StageStatus status) => status is StageStatus.Done or StageStatus.Skipped;

    /// <summary>Pending stages whose prerequisites are all done or skipped. A prerequisite the asset has
    /// no row for (it was catalogued before that stage existed) does not hold the others back.</summary>
    public static IEnumerable<StageName> Ready(IReadOnlyCollection<PipelineStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var status = stages.ToDictionary(s => s.Stage, s => s.Status);
        return stages
            .Where(s => s.Status == StageStatus.Pending)
            .Select(s => s.Stage)
            .Where(stage => Prerequisites[stage].All(p => !status.TryGetValue(p, out var st) || IsSettled(st)));
    }

    public static object CommandFor(StageName stage, Guid assetId) => stage switch
    {
        StageName.Probe => new ProbeClip(assetId),
        StageName.Proxy => new GenerateProxy(assetId),
        StageName.Transcribe => new TranscribeClip(assetId),
        StageName.Analyse => new AnalyseClip(assetId),
        StageName.Index => new IndexAsset(assetId),
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    /// <summary>The asset's state in one word, as the API and the demo show it.</summary>
    public static AssetState StateOf(IReadOnlyCollection<PipelineStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Any(s => s.Status == StageStatus.Failed))
        {
            return AssetState.Failed;
        }
        return stages.Count > 0 && stages.All(s => IsSettled(s.Status)) ? AssetState.Ready : AssetState.Processing;
    }

    public static List<PipelineStage> NewStages(Guid assetId, DateTime now) =>
        Stages.Select(stage => new PipelineStage
        {
            Id = Guid.NewGuid(),
            AssetId = assetId,
            Stage = stage,
            Status = StageStatus.Pending,
            UpdatedAt = now,
        }).ToList();
}

public enum AssetState
{
    Processing,
    Ready,
    Failed,
}
