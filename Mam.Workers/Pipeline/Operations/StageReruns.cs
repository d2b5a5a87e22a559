using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Pipeline.Registry;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>Stage rows put back to pending, and running ones marked to run again when they end.</summary>
public readonly record struct RerunCount(int Requeued, int Deferred)
{
    public static RerunCount operator +(RerunCount a, RerunCount b) => new(a.Requeued + b.Requeued, a.Deferred + b.Deferred);
}

/// <summary>How a re-run changes stage rows. A stage re-run takes every stage after it along (a new
/// transcript is indexed again, a new proxy analysed again). A running stage is not disturbed: it is
/// marked, and the runner puts it back to pending when the run ends, so the re-run sees the new settings
/// and nothing half-written is thrown away.</summary>
internal static class StageReruns
{
    public static IReadOnlyList<StageName> WithDependents(IEnumerable<StageName> stages)
    {
        var chosen = stages.ToHashSet();
        bool grew;
        do
        {
            grew = false;
            foreach (var stage in StageRegistry.All.Where(s => !chosen.Contains(s.Name) && s.Prerequisites.Any(chosen.Contains)))
            {
                chosen.Add(stage.Name);
                grew = true;
            }
        }
        while (grew);
        return StageRegistry.All.Select(s => s.Name).Where(chosen.Contains).ToList();
    }

    public static async Task<RerunCount> ApplyAsync(
        CatalogDbContext db, IReadOnlyCollection<Guid> assets, IReadOnlyList<StageName> stages, string note, DateTime now, CancellationToken cancellationToken,
        bool withDependents = true)
    {
        if (assets.Count == 0 || stages.Count == 0)
        {
            return default;
        }
        // A rebuild makes the same file again, so what was made from it need not be redone.
        var names = withDependents ? WithDependents(stages).ToList() : stages.ToList();
        var rows = db.PipelineStages.Where(s => assets.Contains(s.AssetId) && names.Contains(s.Stage));
        var deferred = await rows.Where(s => s.Status == StageStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.RerunRequested, true)
                .SetProperty(s => s.Note, note), cancellationToken).ConfigureAwait(false);
        var requeued = await rows.Where(s => s.Status != StageStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, StageStatus.Pending)
                .SetProperty(s => s.Attempts, 0)
                .SetProperty(s => s.LastError, (string?)null)
                .SetProperty(s => s.Note, note)
                .SetProperty(s => s.StartedAt, (DateTime?)null)
                .SetProperty(s => s.FinishedAt, (DateTime?)null)
                .SetProperty(s => s.RerunRequested, false)
                .SetProperty(s => s.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        return new RerunCount(requeued, deferred);
    }
}
