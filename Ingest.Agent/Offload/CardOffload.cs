using Ingest.Agent.Cards;
using Ingest.Agent.Journal;
using Ingest.Agent.Telemetry;
using Ingest.Agent.Verification;

namespace Ingest.Agent.Offload;

/// <summary>
/// Offloads one camera card to every destination: copy with a single source read, verify each copy,
/// then seal each destination with an ASC MHL generation and a JSON report. With a journal the run
/// is resumable: files an interrupted attempt already verified (same size, same modification time,
/// still there with their size) are kept, not copied again. Uploading is a separate step.
/// </summary>
public sealed class CardOffload
{
    /// <summary>Files whose copies are being verified while the next file is read.</summary>
    private const int VerificationsInFlight = 2;

    private readonly OffloadRequest _request;
    private readonly IOffloadProgress _progress;
    private readonly TimeProvider _clock;

    public CardOffload(OffloadRequest request, IOffloadProgress progress, TimeProvider clock)
    {
        _request = request;
        _progress = progress;
        _clock = clock;
    }

    public async Task<OffloadReport> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = AgentTelemetry.Source.StartActivity("offload card");
        var started = _clock.GetUtcNow().UtcDateTime;
        var card = CardLayouts.Identify(_request.SourcePath);
        var (sourceFiles, problems) = CardSource.Scan(_request.SourcePath, cancellationToken);
        var (history, historyProblem) = await CardHistory.ReadAsync(_request.SourcePath, sourceFiles, cancellationToken).ConfigureAwait(false);
        if (historyProblem is not null)
        {
            problems = [.. problems, historyProblem];
        }

        var fingerprint = CardSource.Fingerprint(sourceFiles);
        var destinations = _request.Destinations
            .Select(d => new DestinationWriter(d, CardFolders.Choose(d, card.Name, sourceFiles)))
            .ToList();
        var locks = new List<DestinationLock>();
        try
        {
            foreach (var destination in destinations)
            {
                destination.Prepare(cancellationToken);
                if (!destination.IsUsable)
                {
                    continue;
                }

                if (DestinationLock.TryAcquire(destination.CardFolder) is not { } held)
                {
                    throw new DestinationBusyException(destination.CardFolder);
                }

                locks.Add(held);
                CardFolders.RemoveLegacyMarker(destination.CardFolder);
            }

            var journal = _request.JournalPath is null ? null : await OffloadJournal.OpenAsync(_request.JournalPath, cancellationToken).ConfigureAwait(false);
            try
            {
                return await RunLockedAsync(card, sourceFiles, problems, history, fingerprint, destinations, journal, started, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (journal is not null)
                {
                    await journal.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            locks.ForEach(l => l.Dispose());
        }
    }

    private async Task<OffloadReport> RunLockedAsync(
        CardIdentity card,
        IReadOnlyList<SourceFile> sourceFiles,
        IReadOnlyList<SourceProblem> problems,
        CardHistory history,
        string fingerprint,
        List<DestinationWriter> destinations,
        OffloadJournal? journal,
        DateTime started,
        CancellationToken cancellationToken)
    {
        var key = string.Join('\n', [_request.SourcePath, fingerprint, .. destinations.Select(d => d.CardFolder)]);
        var (runId, _) = journal is null ? (0L, false) : await journal.BeginRunAsync("offload", key, _request.SourcePath, string.Join('\n', destinations.Select(d => d.CardFolder)), cancellationToken).ConfigureAwait(false);
        var earlier = journal is null ? [] : await journal.CopiesAsync(runId, cancellationToken).ConfigureAwait(false);
        if (journal is not null)
        {
            await journal.SetRunTotalsAsync(runId, sourceFiles.Count, sourceFiles.Sum(f => f.Size), cancellationToken).ConfigureAwait(false);
        }

        _progress.CardScanned(sourceFiles.Count, sourceFiles.Sum(f => f.Size));
        // Every format the card's own history holds is computed in the one read of the card, so a file
        // that changed since that history was written fails here, whatever --hash asked for.
        var formats = history.FormatsWith(_request.Formats);
        var files = new List<OffloadedFile>(sourceFiles.Count);
        var pending = new Queue<Task<OffloadedFile>>();
        string? sourceLost = null;

        async Task CompleteOldestAsync()
        {
            var file = history.Check(await pending.Dequeue().ConfigureAwait(false));
            files.Add(file);
            AgentTelemetry.FileOffloaded(file, _request.Verify);
            _progress.FileFinished(file);
        }

        foreach (var sourceFile in sourceFiles)
        {
            var keep = destinations.Select(d => Kept(d, sourceFile, earlier, history)).ToList();
            if (keep.All(k => k is not null))
            {
                var hashes = earlier[(sourceFile.RelativePath, destinations[0].CardFolder)].Hashes;
                pending.Enqueue(Task.FromResult(new OffloadedFile(sourceFile.RelativePath, sourceFile.Size, sourceFile.LastWriteUtc, hashes, null, keep!, Resumed: true)));
            }
            else if (sourceLost is not null)
            {
                pending.Enqueue(Task.FromResult(new OffloadedFile(
                    sourceFile.RelativePath, 0, sourceFile.LastWriteUtc, new Dictionary<string, string>(), sourceLost,
                    destinations.Select((d, i) => keep[i] ?? new DestinationFileResult(d.Root, d.FinalPath(sourceFile.RelativePath), false, "not copied: " + sourceLost)).ToList())));
            }
            else
            {
                Func<int, IReadOnlyDictionary<string, string>, long, Task>? record = journal is null
                    ? null
                    : (i, hashes, size) => journal.RecordCopyAsync(runId, sourceFile.RelativePath, destinations[i].CardFolder, size, sourceFile.LastWriteUtc.Ticks, hashes, cancellationToken);
                var verification = await FanOutCopy.CopyAsync(sourceFile, destinations, keep, _request, formats, _progress, record, cancellationToken).ConfigureAwait(false);
                pending.Enqueue(verification);
                if (verification.IsCompleted && verification.Result.SourceError is not null && !Directory.Exists(_request.SourcePath))
                {
                    sourceLost = $"the card disappeared from {_request.SourcePath} (pulled or unmounted); reinsert it and run the same command again to resume";
                }
            }

            while (pending.Count > VerificationsInFlight)
            {
                await CompleteOldestAsync().ConfigureAwait(false);
            }
        }

        while (pending.Count > 0)
        {
            await CompleteOldestAsync().ConfigureAwait(false);
        }

        var sealedAt = TruncateToSeconds(_clock.GetUtcNow());
        var summaries = new List<DestinationSummary>(destinations.Count);
        var partial = sourceLost is not null;
        for (var i = 0; i < destinations.Count; i++)
        {
            if (partial)
            {
                // Sealing half a card would record a history that the resumed run must then contradict.
                summaries.Add(new DestinationSummary(destinations[i].Root, destinations[i].CardFolder, files.Count(f => f.Destinations[i].Verified), files.Count(f => !f.Destinations[i].Verified), destinations[i].Error, null));
                continue;
            }

            if (journal is not null && await journal.SealOfAsync(runId, destinations[i].CardFolder, cancellationToken).ConfigureAwait(false) is { } sealedBefore && File.Exists(sealedBefore))
            {
                // Killed between two seals: this destination already has this run's generation.
                summaries.Add(new DestinationSummary(destinations[i].Root, destinations[i].CardFolder, files.Count(f => f.Destinations[i].Verified), files.Count(f => !f.Destinations[i].Verified), destinations[i].Error, sealedBefore));
                continue;
            }

            var summary = await CardSeal.SealAsync(destinations[i], i, files, _request, sealedAt, cancellationToken).ConfigureAwait(false);
            summaries.Add(summary);
            if (journal is not null && summary.MhlPath is not null && summary.Error is null && summary.FailedFiles == 0)
            {
                await journal.RecordSealAsync(runId, destinations[i].CardFolder, summary.MhlPath, cancellationToken).ConfigureAwait(false);
            }
        }

        var report = new OffloadReport(card, _request.SourcePath, started, _clock.GetUtcNow().UtcDateTime, files, problems, summaries)
        {
            SourceLost = sourceLost,
            VerifyMode = _request.Verify.ToString().ToLowerInvariant(),
        };
        foreach (var summary in summaries.Where(s => s.MhlPath is not null))
        {
            await OffloadReportFile.WriteAsync(report, summary, cancellationToken).ConfigureAwait(false);
        }

        if (journal is not null)
        {
            await journal.FinishRunAsync(runId, report.AllVerified ? "done" : "failed", report.AllVerified ? null : sourceLost ?? "not every file verified on every destination", cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// An earlier attempt's verified copy, trusted when size and time still match (cheap re-verification)
    /// and its recorded hashes can be checked against the card's history.
    /// </summary>
    private static DestinationFileResult? Kept(DestinationWriter destination, SourceFile file, Dictionary<(string Path, string Destination), JournalCopy> earlier, CardHistory history)
    {
        if (!earlier.TryGetValue((file.RelativePath, destination.CardFolder), out var copy)
            || copy.Size != file.Size
            || copy.LastWriteTicks != file.LastWriteUtc.Ticks
            || !history.CanCheck(file.RelativePath, copy.Hashes))
        {
            return null;
        }

        var final = destination.FinalPath(file.RelativePath);
        var info = new FileInfo(final);
        return info.Exists && info.Length == copy.Size ? new DestinationFileResult(destination.Root, final, true, null) : null;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}

/// <summary>Another agent holds the lock of a destination card folder.</summary>
public sealed class DestinationBusyException : Exception
{
    public DestinationBusyException()
    {
    }

    public DestinationBusyException(string cardFolder)
        : base($"Another ingest-agent is writing to {cardFolder} right now (its lock {Mam.Integrity.AscMhl.MhlHistory.FolderName}/{DestinationLock.FileName} is held). Refused: wait for it to finish, then run again.")
    {
    }

    public DestinationBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
