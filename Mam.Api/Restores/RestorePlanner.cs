using Mam.Catalog;
using Mam.Catalog.Entities.Restores;
using Mam.Storage;
using Mam.Storage.Placement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Restores;

/// <summary>Makes the plan: asks the store where each file sits (its class, whether it is archived or
/// missing), adds up the bytes, and estimates the time and, for archived files, the wait and cost per
/// retrieval tier. Nothing is read but object heads; nothing moves.</summary>
public sealed class RestorePlanner(IDbContextFactory<CatalogDbContext> catalog, IObjectStore store, IOptions<RestoreOptions> options, TimeProvider clock)
{
    /// <summary>Object heads asked at once: a card of a thousand files is planned in seconds without flooding the store.</summary>
    private const int HeadsInFlight = 8;

    /// <summary>A restore that read less than this says more about latency than throughput.</summary>
    private const long MeasuredMinimumBytes = 64L * 1024 * 1024;

    public async Task<Restore> PlanAsync(RestoreScope scope, Guid personId, string person, double? throughputMiBps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = clock.GetUtcNow().UtcDateTime;
        var restore = new Restore
        {
            Id = Guid.NewGuid(),
            ProjectId = scope.ProjectId,
            ScopeKind = scope.Kind,
            Scope = scope.Description,
            CardId = scope.CardId,
            AssetId = scope.AssetId,
            FromTimecode = scope.Range?.From,
            ToTimecode = scope.Range?.To,
            State = RestoreState.Planned,
            RequestedById = personId,
            RequestedBy = person,
            RequestedAt = now,
            UpdatedAt = now,
            ThroughputSource = "",
        };
        var placements = new ObjectPlacement?[scope.Files.Count];
        await Parallel.ForAsync(0, scope.Files.Count, new ParallelOptions { MaxDegreeOfParallelism = HeadsInFlight, CancellationToken = cancellationToken },
            async (i, token) => placements[i] = await ObjectPlacements.GetAsync(store, scope.Files[i].File.StorageKey, token).ConfigureAwait(false)).ConfigureAwait(false);
        for (var i = 0; i < scope.Files.Count; i++)
        {
            var (file, placement) = (scope.Files[i], placements[i]);
            restore.Files.Add(new RestoreFile
            {
                Id = Guid.NewGuid(),
                RestoreId = restore.Id,
                CardFileId = file.File.Id,
                CardName = file.CardName,
                RelativePath = file.CutPath ?? file.File.RelativePath,
                // A cut's size is known once it is made; until then the clip's share of the original.
                Size = file.CutPath is not null && scope.Range is { } range ? EstimatedCutSize(file.File.Size, range) : file.File.Size,
                StorageClass = placement?.StorageClass,
                Missing = placement is null,
                ArchiveRestoreNeeded = placement?.NeedsRestoreRequest == true,
                Result = RestoreOutcome.Pending,
                Cut = file.CutPath is not null && scope.Range is { } cut
                    ? new RestoreCut { FromTimecode = cut.From, ToTimecode = cut.To, FromSeconds = cut.StartSeconds, ToSeconds = cut.EndSeconds, State = RestoreCutState.Pending }
                    : null,
            });
        }
        restore.TotalBytes = restore.Files.Sum(f => f.Size);
        (restore.ThroughputMiBps, restore.ThroughputSource) = throughputMiBps is { } asked
            ? (asked, "asked for in the request")
            : await ThroughputAsync(cancellationToken).ConfigureAwait(false);

        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Restores.Add(restore);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // For the plan's view (roles, a cut's source); not saved again.
        for (var i = 0; i < scope.Files.Count; i++)
        {
            restore.Files[i].CardFile = scope.Files[i].File;
        }
        return restore;
    }

    /// <summary>The median of the latest finished restores that moved enough bytes to say; else the setting.</summary>
    private async Task<(double, string)> ThroughputAsync(CancellationToken cancellationToken)
    {
        var latest = options.Value.MeasuredFromLatest;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var runs = await db.Restores.AsNoTracking()
            .Where(r => r.FinishedAt != null && r.BytesRead >= MeasuredMinimumBytes && r.Seconds > 0)
            .OrderByDescending(r => r.FinishedAt).Take(latest)
            .Select(r => new { Bytes = r.BytesRead!.Value, Seconds = r.Seconds!.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return RestoreCosts.Median(runs.Select(r => (r.Bytes, r.Seconds)).ToList()) is { } measured
            ? (measured, $"measured: median of the latest {runs.Count} restore{(runs.Count == 1 ? "" : "s")} through this server (bytes read ÷ transfer time)")
            : (options.Value.ThroughputMiBps, $"configured: {RestoreOptions.Section}:{nameof(RestoreOptions.ThroughputMiBps)} (no restore of 64 MiB or more measured yet)");
    }

    private static long EstimatedCutSize(long size, ClipRange range) =>
        Math.Min(size, (long)Math.Ceiling(size * range.Seconds / range.ClipSeconds));
}
