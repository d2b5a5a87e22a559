using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Pipeline.Registry;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>What the storage check found: renditions known missing (being rebuilt), with a few named.</summary>
public sealed record RenditionHealth(int Missing, IReadOnlyList<string> Examples, int CheckedNow);

/// <summary>
/// Finds renditions that are catalogued but gone from storage and has their stages make them again,
/// as a recorded operation, so a deleted proxy is repaired rather than answered with 404 forever. Two
/// ways in: a rolling check of the least recently checked renditions (each /health/ready asks for a
/// few), and a request for a rendition that turns out to be missing.
/// </summary>
public sealed class RenditionRepairs(
    IDbContextFactory<CatalogDbContext> catalog,
    MissingRenditions missing,
    PipelineOperations operations,
    TimeProvider clock)
{
    public const string Server = "server (storage check)";

    /// <summary>Checks the <paramref name="count"/> renditions checked longest ago (never-checked first),
    /// starts a rebuild for each clip found short, and reports every rendition still missing.</summary>
    public async Task<RenditionHealth> CheckAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.Renditions.OrderBy(r => r.CheckedAt.HasValue).ThenBy(r => r.CheckedAt).Take(count)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await missing.FindAsync(db, due.Select(r => r.AssetId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        var missingKeys = found.Select(f => f.StorageKey).ToHashSet(StringComparer.Ordinal);
        foreach (var rendition in due)
        {
            rendition.CheckedAt = now;
            if (missingKeys.Contains(rendition.StorageKey))
            {
                rendition.MissingSince ??= now;
            }
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (asset, makers) in MissingRenditions.Makers(found))
        {
            await RebuildAsync(asset, makers, "Missing from storage, found by the storage check.", cancellationToken).ConfigureAwait(false);
        }

        var stillMissing = await db.Renditions.AsNoTracking().Where(r => r.MissingSince != null)
            .Join(db.Assets, r => r.AssetId, a => a.Id, (r, a) => new { a.ClipName, r.Kind })
            .Take(5).ToListAsync(cancellationToken).ConfigureAwait(false);
        var total = await db.Renditions.CountAsync(r => r.MissingSince != null, cancellationToken).ConfigureAwait(false);
        return new RenditionHealth(total, stillMissing.Select(m => $"{m.Kind.ToString().ToLowerInvariant()} of {m.ClipName}").ToList(), due.Count);
    }

    /// <summary>A rendition asked for was not in the store: mark it and rebuild it, once.</summary>
    public async Task ReportMissingAsync(Guid assetId, RenditionKind kind, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Renditions.Where(r => r.AssetId == assetId && r.Kind == kind && r.MissingSince == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.MissingSince, now).SetProperty(r => r.CheckedAt, now), cancellationToken).ConfigureAwait(false);
        var makers = StageRegistry.MakerOf(kind) is { } maker ? new[] { maker.Name } : [];
        await RebuildAsync(assetId, makers, $"The {kind.ToString().ToLowerInvariant()} was missing from storage when it was asked for.", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unless the stage that makes it is already on its way (pending or running), so a player
    /// retrying every second does not queue a rebuild each time.</summary>
    private async Task RebuildAsync(Guid assetId, IReadOnlyList<StageName> makers, string reason, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var underway = await db.PipelineStages.AnyAsync(s => s.AssetId == assetId && makers.Contains(s.Stage)
            && (s.Status == StageStatus.Pending || s.Status == StageStatus.Running), cancellationToken).ConfigureAwait(false);
        if (!underway)
        {
            await operations.StartAsync(new OperationRequest(OperationKind.RebuildMissing, assetId, null, null, [], reason, Server), cancellationToken).ConfigureAwait(false);
        }
    }
}
