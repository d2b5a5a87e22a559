using System.Globalization;
using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Catalog.Entities.Restores;
using Mam.Catalog.Model;
using Mam.Contracts;
using Mam.Contracts.Restores;
using Mam.Workers.Restores;
using Mam.Storage.Placement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Restores;

/// <summary>Why a start or a report was not taken: <see cref="Status"/> 400, 404 or 409.</summary>
public sealed class RestoreRefusedException(int status, string kind, string message) : Exception(message)
{
    /// <summary>The problem type of a restore waiting for its archived files.</summary>
    public const string ArchiveWaiting = "archive-restore-waiting";

    public int Status { get; } = status;
    public string Kind { get; } = kind;

    /// <summary>With <see cref="ArchiveWaiting"/>: where the archived files are.</summary>
    public RestoreArchiveView? Archive { get; init; }
}

/// <summary>A planned restore confirmed (started) and the agent's per-file results recorded on it.</summary>
public sealed class RestoreRuns(RestoreCutJobs cuts, ArchiveRetrievals retrievals, IOptions<RestoreOptions> options, IOptions<ArchiveRetrievalOptions> archiveOptions, TimeProvider clock,
    Mam.Workers.Activity.ActivitySignal signal)
{
    /// <summary>Loads a restore with its files and their card files; null when there is none.</summary>
    public static Task<Restore?> LoadAsync(CatalogDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Restores.Include(r => r.Files).ThenInclude(f => f.CardFile).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>Marks the restore started to <see cref="StartRestoreRequest.Destination"/> (again: a resumed
    /// run, same destination) and sets off the cut of a range restore.</summary>
    /// <exception cref="RestoreRefusedException"/>
    public async Task<Restore> StartAsync(CatalogDbContext db, Restore restore, StartRestoreRequest request, string person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(request);
        var destination = request.Destination?.Trim();
        if (string.IsNullOrEmpty(destination) || destination.Length > RestoreLimits.Destination || destination.Any(char.IsControl))
        {
            throw new RestoreRefusedException(400, "invalid-request",
                $"Say where the files go (\"destination\": host and folder, at most {RestoreLimits.Destination} printable characters), for the restore's record.");
        }
        var tier = request.Tier is null ? null : RestoreOptions.TierNames.FirstOrDefault(t => string.Equals(t, request.Tier.Trim(), StringComparison.OrdinalIgnoreCase));
        if (request.Tier is not null && tier is null)
        {
            throw new RestoreRefusedException(400, "invalid-request", $"\"tier\" must be one of {string.Join(", ", RestoreOptions.TierNames)}, not '{Names.Printable(request.Tier)}'.");
        }
        if (restore.Destination is { } earlier && !string.Equals(earlier, destination, StringComparison.Ordinal))
        {
            throw new RestoreRefusedException(409, "restore-elsewhere",
                $"Restore {restore.Id} was started to {earlier}. To restore to {destination} as well, plan a new restore.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Cut once per start: the agent asks again while it waits for the cut, and a restore that failed
        // (a cut included) is tried again by starting it again.
        var cutNow = restore.State != RestoreState.Restoring;
        var archived = restore.Files.Where(ArchiveRetrievals.InArchiveTier).ToList();
        if (archived.Count > 0)
        {
            await BringBackAsync(db, restore, archived, tier, destination, person, now, cancellationToken).ConfigureAwait(false);
        }
        foreach (var failed in restore.Files.Where(f => cutNow && f.Cut is { State: RestoreCutState.Failed }))
        {
            (failed.Cut!.State, failed.Cut.Error) = (RestoreCutState.Pending, null);
        }
        restore.State = RestoreState.Restoring;
        restore.StartedAt ??= now;
        restore.StartedBy = person;
        restore.Destination = destination;
        // The tier archived files were requested with stays the restore's.
        restore.Tier = archived.Count > 0 ? restore.Tier : tier ?? restore.Tier;
        restore.FinishedAt = null;
        restore.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (cutNow && restore.Files.Any(f => f.Cut is { State: RestoreCutState.Pending }))
        {
            await cuts.QueueAsync(restore.Id, cancellationToken).ConfigureAwait(false);
        }
        return restore;
    }

    /// <summary>Files in an archive tier: requested from the store with the tier (the first start), looked at
    /// again on every start (a copy that expired before it was read is requested again). While any is still
    /// coming the restore waits, and the start answers <see cref="RestoreRefusedException.ArchiveWaiting"/>
    /// with how many and until when; once all are readable the start goes on.</summary>
    private async Task BringBackAsync(CatalogDbContext db, Restore restore, List<RestoreFile> archived, string? tier, string destination, string person,
        DateTime now, CancellationToken cancellationToken)
    {
        var where = string.Join(", ", archived.Take(5).Select(f => $"{f.CardName}/{f.RelativePath} in {f.StorageClass}")) + (archived.Count > 5 ? ", …" : "");
        if (!retrievals.StoreTakesRequests)
        {
            throw new RestoreRefusedException(409, "archive-restore-needed", string.Create(CultureInfo.InvariantCulture,
                $"{archived.Count} file(s) are in an archive tier and cannot be read until a copy is restored in the store ({where}). This server's store does not take restore requests: restore them in the store, then plan again."));
        }
        tier = restore.Tier ?? tier;
        var offered = RestoreCosts.Tiers(archived.Select(f => (f.Size, f.StorageClass!)).ToList(), 0, options.Value).Select(t => t.Tier).ToList();
        if (tier is null || !offered.Contains(tier, StringComparer.Ordinal))
        {
            throw new RestoreRefusedException(409, "archive-tier-needed", string.Create(CultureInfo.InvariantCulture,
                $"{archived.Count} file(s) are in an archive tier ({where}) and must be requested from the store first: {(tier is null ? "say with which retrieval tier" : $"the {tier} tier is not offered for all of them; choose")} (\"tier\": {string.Join(", ", offered)}; the plan shows each one's wait and cost). Nothing was requested."));
        }
        restore.Tier = tier;
        restore.StartedAt ??= now;
        restore.StartedBy = person;
        restore.Destination = destination;
        try
        {
            await retrievals.RefreshAsync(restore, cancellationToken).ConfigureAwait(false);
        }
        catch (ArchiveRequestRefusedException refused)
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            throw new RestoreRefusedException(409, "archive-request-refused", $"{refused.Message} The restore waits for nothing; start it again once the store takes restore requests.");
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (restore.State == RestoreState.AwaitingArchive)
        {
            var archive = RestoreViews.Archive(restore, options.Value)!;
            throw new RestoreRefusedException(409, RestoreRefusedException.ArchiveWaiting, Waiting(restore, archive, now)) { Archive = archive };
        }
    }

    private string Waiting(Restore restore, RestoreArchiveView archive, DateTime now)
    {
        var expected = archive.ExpectedBy is { } by
            ? string.Create(CultureInfo.InvariantCulture, $"expected readable by {by.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({Hours(by.UtcDateTime - now)} from now, {restore.Tier} tier)")
            : $"{restore.Tier} tier";
        return (restore.ArchiveNote is { } note ? note + " " : "") + string.Create(CultureInfo.InvariantCulture,
            $"{archive.Coming} of {archive.Files} file(s) of restore {restore.Id} are coming back from the archive tier: {expected}. The MAM asks the store every {Hours(archiveOptions.Value.PollInterval)}; start the restore again once it is ready (ingest-agent restore resumes with the same command, or waits with --wait). Nothing was written at the destination for them.");
    }

    private static string Hours(TimeSpan span) => span <= TimeSpan.Zero ? "any moment"
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"about {Math.Round(span.TotalHours, 1)} h")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))} min");

    /// <summary>Records the agent's results; with <see cref="RestoreReport.Finished"/> the restore ends,
    /// done when every file verified (or a cut was recorded as an original), failed otherwise.</summary>
    /// <exception cref="RestoreRefusedException"/>
    public async Task ReportAsync(CatalogDbContext db, Restore restore, RestoreReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(report);
        if (restore.State == RestoreState.Planned)
        {
            throw new RestoreRefusedException(409, "restore-not-started", $"Restore {restore.Id} has not been started: confirm it (POST {RestoreViews.Url(restore.Id)}/start) before reporting results.");
        }
        var files = restore.Files.ToDictionary(f => f.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var result in report.Files ?? [])
        {
            if (!files.TryGetValue(result.Id, out var file))
            {
                throw new RestoreRefusedException(400, "invalid-request", $"File {result.Id} is not part of restore {restore.Id}; nothing was recorded.");
            }
            Apply(file, result, now);
        }
        if (report.Bytes is < 0 || report.Seconds is < 0)
        {
            throw new RestoreRefusedException(400, "invalid-request", "\"bytes\" and \"seconds\" cannot be negative.");
        }
        await RecordRestoredCopiesAsync(db, restore, report, now, cancellationToken).ConfigureAwait(false);
        restore.UpdatedAt = now;
        if (report.Finished)
        {
            var finishedBefore = restore.FinishedAt is not null;
            restore.FinishedAt = now;
            restore.BytesRead = report.Bytes;
            restore.Seconds = report.Seconds;
            restore.Mhl = report.Mhl is { Length: > 0 and <= Limits.PathLength } mhl ? mhl : restore.Mhl;
            restore.State = restore.Files.All(f => f.Result is RestoreOutcome.Verified or RestoreOutcome.Original) ? RestoreState.Done : RestoreState.Failed;
            if (!finishedBefore)
            {
                await AnnounceAsync(db, restore, now, cancellationToken).ConfigureAwait(false);
            }
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project's followers hear the restore finished, verified or not (once: a repeated final report says nothing new).</summary>
    private Task<Mam.Catalog.Entities.Review.ProjectEvent> AnnounceAsync(CatalogDbContext db, Restore restore, DateTime now, CancellationToken cancellationToken)
    {
        var failed = restore.Files.Count(f => f.Result is not (RestoreOutcome.Verified or RestoreOutcome.Original));
        var text = restore.State == RestoreState.Done
            ? string.Create(CultureInfo.InvariantCulture, $"Restore of {restore.Scope} done: {restore.Files.Count} file(s) verified against the on-set checksums{(restore.Destination is { } to ? " in " + to : "")}")
            : string.Create(CultureInfo.InvariantCulture, $"Restore of {restore.Scope} finished with {failed} of {restore.Files.Count} file(s) not verified");
        return Mam.Workers.Activity.ProjectEvents.AddAsync(db, signal, restore.ProjectId, "restore-done", restore.AssetId, restore.StartedBy ?? restore.RequestedBy, text, now, cancellationToken);
    }

    /// <summary>Each original the agent verified against the set is now one more copy, on the
    /// archivist's disk: it shows in the project's copies (3-2-1 view) with that check. A cut is a new
    /// file, not a copy of one. Reported again (a resumed run), the same copy's check is renewed.</summary>
    private static async Task RecordRestoredCopiesAsync(CatalogDbContext db, Restore restore, RestoreReport report, DateTime now, CancellationToken cancellationToken)
    {
        var reported = (report.Files ?? []).Select(r => r.Id).ToHashSet();
        var verified = restore.Files.Where(f => reported.Contains(f.Id) && f.Result == RestoreOutcome.Verified && f.Cut is null).ToList();
        if (verified.Count == 0 || restore.Destination is not { } location)
        {
            return;
        }
        var ids = verified.Select(f => f.CardFileId).ToList();
        var known = await db.FileCopies.Where(c => c.Kind == CopyKind.Restored && c.Location == location && ids.Contains(c.CardFileId))
            .ToDictionaryAsync(c => c.CardFileId, cancellationToken).ConfigureAwait(false);
        foreach (var file in verified)
        {
            if (!known.TryGetValue(file.CardFileId, out var copy))
            {
                copy = new FileCopy
                {
                    Id = Guid.NewGuid(),
                    CardFileId = file.CardFileId,
                    Kind = CopyKind.Restored,
                    Location = location,
                    // The agent writes each card's folder under the destination.
                    Key = $"{file.CardName}/{file.RelativePath}",
                    AddedAt = now,
                };
                db.FileCopies.Add(copy);
                known[file.CardFileId] = copy;
            }
            copy.LastCheckedAt = now;
            copy.LastOutcome = FixityOutcome.Intact;
            copy.LastCheckedBy = RestoredCopyCheckedBy;
        }
    }

    /// <summary>The tool named as having checked a restored copy.</summary>
    public const string RestoredCopyCheckedBy = "ingest-agent restore";

    private static void Apply(RestoreFile file, RestoreFileResult result, DateTime now)
    {
        var reason = result.Reason is { Length: > RestoreLimits.Reason } longer ? longer[..RestoreLimits.Reason] : result.Reason;
        var outcome = result.Result switch
        {
            RestoreResults.Verified => RestoreOutcome.Verified,
            RestoreResults.Failed => RestoreOutcome.Failed,
            RestoreResults.Original => RestoreOutcome.Original,
            _ => throw new RestoreRefusedException(400, "invalid-request",
                $"The result of {file.CardName}/{file.RelativePath} must be {RestoreResults.Verified}, {RestoreResults.Failed} or {RestoreResults.Original}, not '{Names.Printable(result.Result ?? "")}'."),
        };
        if ((outcome == RestoreOutcome.Original) != (file.Cut is not null) && outcome != RestoreOutcome.Failed)
        {
            throw new RestoreRefusedException(400, "invalid-request", file.Cut is null
                ? $"{file.CardName}/{file.RelativePath} is an original: it is verified against the set or it failed, never a new original."
                : $"{file.CardName}/{file.RelativePath} is a cut, a new file: it is recorded as an original, never as verified against the set.");
        }
        var expected = file.Cut?.Xxh64 ?? file.CardFile?.Xxh64;
        if (outcome != RestoreOutcome.Failed && expected is not null
            && !string.Equals(result.Xxh64, expected, StringComparison.OrdinalIgnoreCase))
        {
            // The agent says it matched, but what it says it read is not what the set recorded: trust the hashes.
            outcome = RestoreOutcome.Failed;
            reason = $"reported as {result.Result}, but its xxh64 {Names.Printable(result.Xxh64 ?? "(none)")} is not the {expected} taken {(file.Cut is null ? "on set" : "when the cut was made")}";
        }
        file.Result = outcome;
        file.Reason = reason;
        file.RestoredXxh64 = result.Xxh64 is { Length: 16 } hash && hash.All(char.IsAsciiHexDigit) ? hash.ToLowerInvariant() : null;
        file.ReportedAt = now;
    }
}
