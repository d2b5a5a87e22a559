using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Approvals;

/// <summary>A clip's version stack as read from the catalog: every version in order, with its master's on-set hash.</summary>
internal sealed record StackEntry(int Number, Guid AssetId, string ClipName, string MasterPath, string MasterXxh64, string? MasterSha256, string? AddedBy, DateTime? AddedAt);

internal static class VersionStacks
{
    /// <summary>The stack the clip is in (a clip in none is a stack of one, itself version 1).</summary>
    public static async Task<(Guid Stack, List<StackEntry> Versions)> OfAsync(CatalogDbContext db, Guid assetId, CancellationToken cancellationToken)
    {
        var row = await db.AssetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.AssetId == assetId, cancellationToken).ConfigureAwait(false);
        var stack = row?.StackId ?? assetId;
        var rows = row is null
            ? new List<AssetVersion>()
            : await db.AssetVersions.AsNoTracking().Where(v => v.StackId == stack).OrderBy(v => v.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = rows.Count == 0 ? [assetId] : rows.Select(r => r.AssetId).ToList();
        var clips = await db.Assets.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Join(db.CardFiles.AsNoTracking(), a => a.SourceFileId, f => f.Id, (a, f) => new { a.Id, a.ClipName, Card = a.Card!.Name, f.RelativePath, f.Xxh64, f.OtherHashes })
            .ToDictionaryAsync(a => a.Id, cancellationToken).ConfigureAwait(false);
        var versions = new List<StackEntry>();
        foreach (var id in ids)
        {
            if (!clips.TryGetValue(id, out var clip))
            {
                continue;
            }
            var added = rows.FirstOrDefault(r => r.AssetId == id);
            versions.Add(new StackEntry(added?.Number ?? 1, id, clip.ClipName, $"{clip.Card}/{clip.RelativePath}", clip.Xxh64,
                clip.OtherHashes.GetValueOrDefault("sha256"), added?.AddedBy, added?.AddedAt));
        }
        return (stack, versions);
    }

    /// <summary>Why an approval no longer covers the stack: a later version's master is different.</summary>
    public static string? StaleBecause(Approval approval, IReadOnlyList<StackEntry> versions)
    {
        var later = versions.FirstOrDefault(v => v.Number > approval.Version && !string.Equals(v.MasterXxh64, approval.MasterXxh64, StringComparison.OrdinalIgnoreCase));
        return later is null ? null : $"version {later.Number} ({later.ClipName}) has a different master (xxh64 {later.MasterXxh64}, approved {approval.MasterXxh64})";
    }
}
