using Hangfire;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Restores;
using Mam.Hosting;
using Mam.Media.Cuts;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Media.Timecodes;
using Mam.Storage;
using Mam.Storage.Ranges;
using Mam.Storage.S3;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Restores;

/// <summary>
/// Makes the cuts of a range restore, as a one-off Hangfire job (on a host with a job server, which has
/// ffmpeg): the packet index of the range from ffprobe, the I-frame to start at and the bytes needed
/// (<see cref="CutPlan"/>), a remux without re-encoding stamped with the cut's own start timecode, and the
/// cut stored under <c>restores/{restore}/…</c> for the archivist's agent to read and verify. On S3 the
/// original is read through a <see cref="RangeRelay"/>: bounded ranges only, the header, index and the
/// range's bytes once, and counted; on the folder store it is read in place.
/// </summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class RestoreCutJob(IDbContextFactory<CatalogDbContext> catalog, IObjectStore store, ClipCutter cutter, WorkFolders work, ILogger<RestoreCutJob> logger)
{
    /// <summary>A read of the store: large enough that a range takes few requests, small enough that
    /// what ffmpeg never reads after a seek stays small.</summary>
    public const int ChunkSize = 1024 * 1024;

    private static readonly TimeSpan ReadUrlLifetime = TimeSpan.FromHours(6);

    [JobDisplayName("Cut for restore {0}")]
    public async Task RunAsync(Guid restoreId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var restore = await db.Restores.Include(r => r.Files).ThenInclude(f => f.CardFile).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == restoreId, cancellationToken).ConfigureAwait(false);
        if (restore is null)
        {
            return;
        }
        var technical = await db.Assets.AsNoTracking().Where(a => a.Id == restore.AssetId).Select(a => a.Technical).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        foreach (var file in restore.Files.Where(f => f.Cut is { State: RestoreCutState.Pending }))
        {
            var cut = file.Cut!;
            try
            {
                await CutAsync(restore.Id, file, cut, technical, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Cut {Path} for restore {Restore}: starts at {Start}, bytes {First}-{Last}, {BytesRead} bytes read from the store",
                    file.RelativePath, restore.Id, cut.StartTimecode, cut.ByteStart, cut.ByteEnd, cut.BytesRead);
            }
            catch (Exception ex) when (ex is ExternalProcessException or IOException or HttpRequestException or ObjectNotFoundException
                or ObjectStoreUnavailableException or InvalidOperationException or FormatException)
            {
                logger.LogWarning(ex, "The cut of {Path} for restore {Restore} failed", file.RelativePath, restore.Id);
                cut.State = RestoreCutState.Failed;
                cut.Error = ex is ObjectNotFoundException ? $"the original {file.CardFile!.RelativePath} is missing from the store" : ex.Message;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CutAsync(Guid restoreId, RestoreFile file, RestoreCut cut, TechnicalMetadata? technical, CancellationToken cancellationToken)
    {
        if (technical is not { FrameRateNumerator: > 0, FrameRateDenominator: > 0 })
        {
            throw new InvalidOperationException("the clip has no frame rate in the catalog (not probed), so its timecode cannot be counted");
        }
        var original = file.CardFile!;
        using var folder = work.Create("restore-cut");
        var output = Path.Combine(folder.Path, Path.GetFileName(file.RelativePath));
        RangeRelay? relay = null;
        string input;
        if (store.TryGetLocalPath(original.StorageKey) is { } local)
        {
            input = local;
        }
        else if (store.TryGetReadUrl(original.StorageKey, ReadUrlLifetime) is { } url)
        {
            relay = await RangeRelay.StartAsync(url, Path.Combine(folder.Path, ".chunks"), Path.GetExtension(original.RelativePath), ChunkSize, cancellationToken).ConfigureAwait(false);
            input = relay.Url.AbsoluteUri;
        }
        else
        {
            throw new ObjectNotFoundException(original.StorageKey);
        }
        await using (relay)
        {
            var plan = await cutter.PlanAsync(input, cut.FromSeconds, cut.ToSeconds, cancellationToken).ConfigureAwait(false);
            var rate = new FrameRate(technical.FrameRateNumerator!.Value, technical.FrameRateDenominator!.Value);
            var timecode = Timecode.FromSeconds(plan.StartSeconds, rate, technical.StartTimecode);
            await cutter.CutAsync(input, plan, cut.ToSeconds, timecode, output, cancellationToken).ConfigureAwait(false);
            (cut.StartTimecode, cut.StartsAtEarlierIFrame, cut.ByteStart, cut.ByteEnd, cut.BytesRead) = (timecode, plan.StartsEarlier, plan.FirstByte, plan.LastByte, relay?.BytesFromStore);
        }
        var key = ObjectKeys.RestoreCut(restoreId, file.CardName, file.RelativePath);
        var stream = File.OpenRead(output);
        await using (stream.ConfigureAwait(false))
        {
            var stored = await store.PutAsync(key, stream, null, cancellationToken).ConfigureAwait(false);
            (file.Size, cut.StorageKey, cut.Xxh64, cut.State, cut.Error) = (stored.Size, key, stored.Xxh64, RestoreCutState.Ready, null);
        }
    }
}
