using Mam.Catalog.Entities;
using Mam.Workers.Pipeline.Registry;

namespace Mam.Workers.Pipeline;

/// <summary>Which stage waits for which, as <see cref="StageRegistry"/> declares it (pure policy, no
/// I/O). Proxy and transcription both need the probe's answers (duration, audio present) but not each
/// other, so they run side by side; the dialogue is indexed as soon as the transcript exists; the
/// analysis waits for the proxy; the full index waits for the analysis.</summary>
public static class PipelinePlan
{
    public static IReadOnlyList<StageName> Stages { get; } = StageRegistry.All.Select(s => s.Name).ToList();

    public static IReadOnlyList<StageName> PrerequisitesOf(StageName stage) => StageRegistry.Get(stage).Prerequisites;

    public static bool IsSettled(StageStatus status) => status is StageStatus.Done or StageStatus.Skipped;

    /// <summary>Pending stages whose prerequisites are all done or skipped, in the registry's order
    /// (dialogue first). A prerequisite the asset has no row for (its row is still to come from the
    /// backfill) does not hold the others back; a row for a stage this build does not declare is never
    /// ready.</summary>
    public static IEnumerable<StageName> Ready(IReadOnlyCollection<PipelineStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var status = stages.ToDictionary(s => s.Stage, s => s.Status);
        return StageRegistry.All
            .Where(stage => status.TryGetValue(stage.Name, out var own) && own == StageStatus.Pending)
            .Where(stage => stage.Prerequisites.All(p => !status.TryGetValue(p, out var st) || IsSettled(st)))
            .Select(stage => stage.Name);
    }

    public static object CommandFor(StageName stage, Guid assetId) => StageRegistry.Get(stage).CommandFor(assetId);

    /// <summary>The asset's state in one word, as the API and the demo show it.</summary>
    public static AssetState StateOf(IReadOnlyCollection<PipelineStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var declared = stages.Where(s => StageRegistry.IsDeclared(s.Stage)).ToList();
        if (declared.Any(s => s.Status == StageStatus.Failed))
        {
            return AssetState.Failed;
        }
        return declared.Count > 0 && declared.All(s => IsSettled(s.Status)) ? AssetState.Ready : AssetState.Processing;
    }

    /// <summary>Whether the clip can be found by what is said in it (its dialogue index step is done).</summary>
    public static bool DialogueSearchable(IReadOnlyCollection<PipelineStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return stages.Any(s => (s.Stage == StageRegistry.IndexDialogue.Name || s.Stage == StageRegistry.Index.Name) && s.Status == StageStatus.Done);
    }

    public static List<PipelineStage> NewStages(Guid assetId, DateTime now) =>
        Stages.Select(stage => NewStage(assetId, stage, now)).ToList();

    public static PipelineStage NewStage(Guid assetId, StageName stage, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        AssetId = assetId,
        Stage = stage,
        Status = StageStatus.Pending,
        UpdatedAt = now,
    };
}

public enum AssetState
{
    Processing,
    Ready,
    Failed,
}
