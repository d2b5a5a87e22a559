using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Fixity;

/// <summary>Chooses what one audit run re-reads: the copies in scope in the configured stores never checked, then the
/// longest unchecked, until the run's file or byte budget is spent; then a random sample of the rest,
/// so a copy checked last week can still be caught rotting this week.</summary>
internal static class FixityPlanner
{
    private const int MaxPlan = 200_000;

    public static async Task<List<Guid>> PlanAsync(CatalogDbContext db, FixityScope scope, IReadOnlyCollection<string> stores, FixityOptions options, CancellationToken cancellationToken)
    {
        var candidates = await scope.Filter(db.FileCopies.AsNoTracking())
            .Where(c => c.Kind == CopyKind.Store && stores.Contains(c.Location))
            // Never checked first (NULLs sort differently per engine, hence the explicit key), then oldest.
            .OrderBy(c => c.LastCheckedAt != null).ThenBy(c => c.LastCheckedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.CardFile!.Size })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var plan = new List<Guid>();
        long bytes = 0;
        var i = 0;
        for (; i < candidates.Count && plan.Count < options.FilesPerRun; i++)
        {
            // The first file always goes in, however large: a budget smaller than one file must not stall the audit.
            if (plan.Count > 0 && bytes + candidates[i].Size > options.BytesPerRun)
            {
                break;
            }
            plan.Add(candidates[i].Id);
            bytes += candidates[i].Size;
        }

        var rest = candidates.Count - i;
        // The sample comes on top of the budget, but the kept plan never exceeds its cap.
        var sample = Math.Min((int)Math.Ceiling(rest * options.SamplePercent / 100), MaxPlan - plan.Count);
        if (sample > 0)
        {
            var others = candidates.Skip(i).Select(c => c.Id).ToArray();
            Random.Shared.Shuffle(others);
            plan.AddRange(others.Take(sample));
        }
        return plan;
    }
}
