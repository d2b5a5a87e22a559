using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Ingest.Agent.Api;
using Ingest.Agent.Commands;
using Ingest.Agent.Journal;
using Mam.Contracts.Restores;

namespace Ingest.Agent.Restore;

/// <summary>
/// <c>ingest-agent restore</c>: asks the MAM for a plan and prints it; then (unless --plan-only) checks
/// the destination, locks each card folder, starts the restore, restores every file of the manifest
/// (verified against the set's hashes), writes each card folder's ASC MHL generation and reports the
/// results. The journal makes it resumable: the same command again continues the same restore, keeping
/// the files already verified.
/// </summary>
internal static class RestoreRun
{
    private const string Kind = "restore";
    private static readonly TimeSpan CutPoll = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(RestoreJob job, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var api = new MamApiClient(job.Api);
        if (job.PlanOnly)
        {
            var plan = await TryAsync(() => PlanAsync(api, job, cancellationToken), error).ConfigureAwait(false);
            if (plan.Exit is { } failed)
            {
                return failed;
            }
            RestorePlanPrinter.Print(plan.Value!, output);
            output.WriteLine("Nothing was restored (--plan-only). Run the same command without --plan-only to restore.");
            return ExitCodes.Success;
        }

        await using var journal = await OffloadJournal.OpenAsync(job.JournalPath, cancellationToken).ConfigureAwait(false);
        var key = $"{job.Api.BaseAddress}|{job.ScopeKey}|{job.Destination}";
        var resumed = await journal.UnfinishedRunAsync(Kind, key, cancellationToken).ConfigureAwait(false);
        var restore = resumed is { } run && Guid.TryParse(run.Source, out var earlier) ? await EarlierAsync(api, earlier, cancellationToken).ConfigureAwait(false) : null;
        if (restore is not null)
        {
            output.WriteLine($"Resuming restore {restore.Id} (journal {journal.Path}).");
        }
        else
        {
            resumed = null;
            var planned = await TryAsync(() => PlanAsync(api, job, cancellationToken), error).ConfigureAwait(false);
            if (planned.Exit is { } failed)
            {
                return failed;
            }
            restore = planned.Value!;
        }
        RestorePlanPrinter.Print(restore, output);

        if (restore.ArchiveRestoreNeeded && job.Tier is null && restore.Tier is null)
        {
            error.WriteLine($"{restore.Files.Count(f => f.ArchiveRestoreNeeded)} file(s) are in an archive tier and must be requested from the store first: choose a retrieval tier with --tier (Expedited, Standard or Bulk; the plan above shows each one's wait and cost). Nothing was requested.");
            return ExitCodes.Usage;
        }
        var cards = restore.Files.Select(f => f.Card).Distinct(StringComparer.Ordinal).ToList();
        if (RestoreDestination.Refusal(job.Destination, cards, job.Merge || resumed is not null) is { } refusal)
        {
            error.WriteLine(refusal);
            error.WriteLine("Nothing was restored.");
            return ExitCodes.Usage;
        }
        var locks = new List<RestoreLock>();
        try
        {
            foreach (var card in cards)
            {
                if (RestoreLock.TryAcquire(job.Destination, card) is not { } held)
                {
                    error.WriteLine($"Another restore of card {card} into {job.Destination} is running right now (it holds {RestoreLock.PathFor(job.Destination, card)}). Wait for it to finish; nothing was restored by this one.");
                    return ExitCodes.Busy;
                }
                locks.Add(held);
            }
            return await RestoreAsync(api, journal, key, restore, job, output, error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            locks.ForEach(l => l.Dispose());
        }
    }

    private static async Task<int> RestoreAsync(
        MamApiClient api, OffloadJournal journal, string key, RestoreView restore, RestoreJob job, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (runId, _) = await journal.BeginRunAsync(Kind, key, restore.Id.ToString(), job.Destination, cancellationToken).ConfigureAwait(false);
        await journal.SetRunTotalsAsync(runId, restore.Files.Count, restore.TotalBytes, cancellationToken).ConfigureAwait(false);
        var start = new StartRestoreRequest($"{Environment.MachineName}:{job.Destination}", job.Tier);
        (RestoreManifest? Value, int? Exit) started;
        try
        {
            started = await TryAsync(() => StartAsync(api, restore.Id, start, output, job, cancellationToken), error).ConfigureAwait(false);
        }
        catch (ArchiveWaitingException)
        {
            // The journal's run stays open: the same command later resumes this restore.
            return WaitingExit(restore.Id, output);
        }
        if (started.Exit is { } refused)
        {
            await journal.FinishRunAsync(runId, "failed", "the MAM refused or could not start the restore", cancellationToken).ConfigureAwait(false);
            return refused;
        }
        var manifest = started.Value!;
        output.WriteLine($"Restoring {manifest.Files.Count} file(s) into {job.Destination}:");
        var journaled = await journal.CopiesAsync(runId, cancellationToken).ConfigureAwait(false);
        using var reporter = new RestoreReporter(api, restore.Id, error);
        var results = new ConcurrentDictionary<Guid, RestoredFile>();
        var clock = Stopwatch.StartNew();
        await RestoreFilesAsync(manifest.Files).ConfigureAwait(false);
        // URLs last Restores:UrlLifetime: a long restore asks for fresh ones once for the files they failed.
        var expired = manifest.Files.Where(f => results[f.Id].UrlRefused).Select(f => f.Id).ToHashSet();
        if (expired.Count > 0)
        {
            output.WriteLine($"The store refused {expired.Count} URL(s), expired most likely; asking the MAM for fresh ones.");
            (RestoreManifest? Value, int? Exit) fresh;
            try
            {
                // A refused URL can also be a restored copy that expired: the MAM then requests it again and waits.
                fresh = await TryAsync(() => StartAsync(api, restore.Id, start, output, job, cancellationToken), error).ConfigureAwait(false);
            }
            catch (ArchiveWaitingException)
            {
                return WaitingExit(restore.Id, output);
            }
            if (fresh.Value is { } again)
            {
                await RestoreFilesAsync(again.Files.Where(f => expired.Contains(f.Id)).ToList()).ConfigureAwait(false);
            }
        }
        clock.Stop();

        Task RestoreFilesAsync(IReadOnlyList<RestoreManifestFile> files) =>
            Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = job.FilesInFlight, CancellationToken = cancellationToken }, async (file, token) =>
            {
                var folder = Path.Combine(job.Destination, file.Card);
                var done = FromJournal(file, folder, journaled.GetValueOrDefault(($"{file.Card}/{file.Path}", job.Destination)))
                    ?? await FileRestore.RunAsync(api, file, folder, token).ConfigureAwait(false);
                if (done.OnDisk && done.BytesRead > 0)
                {
                    await journal.RecordCopyAsync(runId, $"{file.Card}/{file.Path}", job.Destination, new FileInfo(done.FullPath).Length, done.LastWriteUtc.Ticks, done.Hashes, token).ConfigureAwait(false);
                }
                results[file.Id] = done;
                lock (output)
                {
                    output.WriteLine(done.Result == RestoreResults.Failed
                        ? $"  FAILED    {file.Card}/{file.Path}: {done.Reason}"
                        : $"  {done.Result,-9} {file.Card}/{file.Path}{(done.Reason is null ? "" : $" ({done.Reason})")}");
                }
                await reporter.AddAsync(done, token).ConfigureAwait(false);
            });

        var all = manifest.Files.Select(f => results[f.Id]).ToList();
        var seals = await SealAsync(journal, runId, restore, job, all, error, cancellationToken).ConfigureAwait(false);
        var bytes = all.Sum(f => f.BytesRead);
        var report = new RestoreReport(all.Select(RestoreReporter.ResultOf).ToList(), true, bytes, Math.Round(clock.Elapsed.TotalSeconds, 3),
            seals.Count == 0 ? null : string.Join("; ", seals.Select(s => $"{s.Card}/{Path.GetRelativePath(Path.Combine(job.Destination, s.Card), s.Mhl).Replace('\\', '/')}")));
        var failed = all.Count(f => f.Result == RestoreResults.Failed);
        await journal.FinishRunAsync(runId, failed == 0 ? "done" : "failed", failed == 0 ? null : $"{failed} file(s) failed", cancellationToken).ConfigureAwait(false);
        var reported = await TryAsync(() => api.ReportRestoreAsync(restore.Id, report, cancellationToken), error).ConfigureAwait(false);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{all.Count(f => f.Result == RestoreResults.Verified)} verified, {all.Count(f => f.Result == RestoreResults.Original)} new (cuts), {failed} failed; {Bytes.Format(bytes)} read from the store in {RestorePlanPrinter.Duration(clock.Elapsed.TotalSeconds)}."));
        foreach (var (card, mhl) in seals)
        {
            output.WriteLine($"ASC MHL ({card}): {mhl}");
        }
        if (reported.Exit is not null)
        {
            error.WriteLine($"The results could not be reported to the MAM; run the same command again to report them (the files verified are kept).");
            return ExitCodes.UploadFailed;
        }
        output.WriteLine(failed == 0 ? "Restore complete: every file verified against the hashes taken on set." : "Restore INCOMPLETE: the files above FAILED and were not restored.");
        return failed == 0 ? ExitCodes.Success : ExitCodes.OffloadIncomplete;
    }

    private static int WaitingExit(Guid id, TextWriter output)
    {
        output.WriteLine($"Nothing of those files was written. Run the same command again later to continue restore {id} (files verified so far are kept), or add --wait to wait here.");
        return ExitCodes.ArchiveWaiting;
    }

    /// <summary>Starts the restore (for its manifest). Files in an archive tier are requested by the MAM and
    /// come back after hours: that is said, and with --wait asked again until they are readable, else
    /// <see cref="ArchiveWaitingException"/>.</summary>
    private static async Task<RestoreManifest> StartOrWaitAsync(MamApiClient api, Guid id, StartRestoreRequest start, TextWriter output, RestoreJob job, CancellationToken cancellationToken)
    {
        string? said = null;
        while (true)
        {
            try
            {
                var manifest = await api.StartRestoreAsync(id, start, cancellationToken).ConfigureAwait(false);
                if (said is not null)
                {
                    output.WriteLine("The archived files are readable now.");
                }
                return manifest;
            }
            catch (MamApiException ex) when (ex.Problem is { IsArchiveWaiting: true } problem)
            {
                var line = problem.Archive is { } archive && said is not null
                    ? string.Create(CultureInfo.InvariantCulture, $"Still waiting for the archive tier: {archive.Coming} of {archive.Files} file(s) coming back ({archive.Tier} tier){(archive.ExpectedBy is { } by ? $", expected by {by.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}.")
                    : $"Waiting for the archive tier: {problem.Detail}";
                if (!string.Equals(line, said, StringComparison.Ordinal))
                {
                    output.WriteLine(line);
                    said = line;
                }
                if (!job.Wait)
                {
                    throw new ArchiveWaitingException();
                }
                await Task.Delay(job.WaitEvery, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts the restore; a range restore's cut is made by the server first, so this asks again until it is ready.</summary>
    private static async Task<RestoreManifest> StartAsync(MamApiClient api, Guid id, StartRestoreRequest start, TextWriter output, RestoreJob job, CancellationToken cancellationToken)
    {
        var cutTimeout = job.CutTimeout;
        var manifest = await StartOrWaitAsync(api, id, start, output, job, cancellationToken).ConfigureAwait(false);
        var deadline = Stopwatch.StartNew();
        var told = false;
        while (manifest.Files.Any(f => f.Cut is not null && f.Url is null && f.Unavailable is null) && deadline.Elapsed < cutTimeout)
        {
            if (!told)
            {
                told = true;
                foreach (var cut in manifest.Files.Where(f => f.Cut is not null))
                {
                    output.WriteLine($"Waiting for the MAM to cut {cut.Cut!.Source} from {cut.Cut.From} to {cut.Cut.To}…");
                }
            }
            await Task.Delay(CutPoll, cancellationToken).ConfigureAwait(false);
            manifest = await StartOrWaitAsync(api, id, start, output, job, cancellationToken).ConfigureAwait(false);
        }
        foreach (var cut in manifest.Files.Where(f => f.Cut is { State: "ready" }).Select(f => f.Cut!))
        {
            output.WriteLine(cut.StartsAtEarlierIFrame
                ? $"The cut starts at {cut.StartsAt}, before {cut.From}: the clip is long-GOP and a cut without re-encoding starts at the I-frame before."
                : $"The cut starts at {cut.StartsAt}.");
        }
        return manifest;
    }

    /// <summary>A new plan, or the one the archivist named (--restore).</summary>
    private static Task<RestoreView> PlanAsync(MamApiClient api, RestoreJob job, CancellationToken cancellationToken) =>
        job.Planned is { } id ? api.GetRestoreAsync(id, cancellationToken) : api.PlanRestoreAsync(job.Request, cancellationToken);

    /// <summary>The restore an interrupted run was doing; null when the MAM no longer has it (a new one is planned).</summary>
    private static async Task<RestoreView?> EarlierAsync(MamApiClient api, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetRestoreAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (MamApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    private static RestoredFile? FromJournal(RestoreManifestFile file, string folder, JournalCopy? copy)
    {
        var path = Path.Combine(folder, file.Path.Replace('/', Path.DirectorySeparatorChar));
        var info = new FileInfo(path);
        if (copy is null || !info.Exists || info.Length != copy.Size || info.LastWriteTimeUtc.Ticks != copy.LastWriteTicks || FileRestore.Mismatches(file.Hashes, copy.Hashes) is not null)
        {
            return null;
        }
        return new RestoredFile(file, path, file.Cut is null ? RestoreResults.Verified : RestoreResults.Original, "verified earlier in this restore", copy.Hashes, true, info.LastWriteTimeUtc, 0, Earlier: true);
    }

    private static async Task<List<(string Card, string Mhl)>> SealAsync(
        OffloadJournal journal, long runId, RestoreView restore, RestoreJob job, IReadOnlyList<RestoredFile> all, TextWriter error, CancellationToken cancellationToken)
    {
        var seals = new List<(string, string)>();
        foreach (var card in all.GroupBy(f => f.File.Card, StringComparer.Ordinal))
        {
            var folder = Path.Combine(job.Destination, card.Key);
            // A run that had sealed the folder, interrupted before its report: nothing new to record.
            if (await journal.SealOfAsync(runId, folder, cancellationToken).ConfigureAwait(false) is { } sealedEarlier && File.Exists(sealedEarlier)
                && card.All(f => f.Earlier || HistoryChain.IsChain(f.File.Path)))
            {
                seals.Add((card.Key, sealedEarlier));
                continue;
            }
            try
            {
                var comment = $"Restore {restore.Id} of {restore.Scope} (project {restore.Project}) from the MAM at {job.Api.BaseAddress}";
                var now = DateTimeOffset.UtcNow;
                now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                if (await RestoreSeal.SealAsync(folder, card.ToList(), job.Author, comment, now, cancellationToken).ConfigureAwait(false) is { } mhl)
                {
                    await journal.RecordSealAsync(runId, folder, mhl, cancellationToken).ConfigureAwait(false);
                    seals.Add((card.Key, mhl));
                }
            }
            catch (Exception ex) when (RestoreSeal.IsWriteError(ex))
            {
                error.WriteLine($"The ASC MHL generation of {folder} could not be written: {ex.Message}");
            }
        }
        return seals;
    }

    /// <summary>Runs an API call; a refusal (4xx) is bad input (exit 2), anything else a failure to reach the MAM (exit 3).</summary>
    private static async Task<(T? Value, int? Exit)> TryAsync<T>(Func<Task<T>> call, TextWriter error) where T : class
    {
        try
        {
            return (await call().ConfigureAwait(false), null);
        }
        catch (MamApiException ex)
        {
            await error.WriteLineAsync(ex.Problem?.Detail is { Length: > 0 } detail ? $"{ex.Message.Split(':')[0]}: {detail}" : ex.Message).ConfigureAwait(false);
            return (null, ex.StatusCode is >= 400 and < 500 ? ExitCodes.Usage : ExitCodes.UploadFailed);
        }
    }
}

/// <summary>The restore waits for files to come back from an archive tier, and the agent was not told to wait.</summary>
internal sealed class ArchiveWaitingException : Exception
{
    public ArchiveWaitingException()
        : base("The restore is waiting for files to come back from an archive tier.")
    {
    }
}
