using Ingest.Agent.Cards;

namespace Ingest.Agent.Offload;

/// <summary>
/// Offloads one camera card to every destination: copy with a single source read, verify each copy,
/// then seal each destination with an ASC MHL generation. Uploading to the MAM is a separate step
/// (<see cref="Api.CardUpload"/>) that only ever sees verified copies.
/// </summary>
public sealed class CardOffload
{
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
        var started = _clock.GetUtcNow().UtcDateTime;
        var card = CardIdentity.FromFolderName(Path.GetFileName(_request.SourcePath));
        var destinations = _request.Destinations.Select(d => new DestinationWriter(d, card.Name)).ToList();
        foreach (var destination in destinations)
        {
            destination.Prepare(cancellationToken);
        }

        var (sourceFiles, problems) = CardSource.Scan(_request.SourcePath, cancellationToken);
        _progress.CardScanned(sourceFiles.Count, sourceFiles.Sum(f => f.Size));

        var files = new List<OffloadedFile>(sourceFiles.Count);
        foreach (var sourceFile in sourceFiles)
        {
            var result = await FanOutCopy.CopyAsync(sourceFile, destinations, _progress, cancellationToken).ConfigureAwait(false);
            files.Add(result);
            _progress.FileFinished(result);
        }

        // Whole seconds: MHL dates and generation file names carry no fractions.
        var sealedAt = TruncateToSeconds(_clock.GetUtcNow());
        var summaries = new List<DestinationSummary>(destinations.Count);
        for (var i = 0; i < destinations.Count; i++)
        {
            summaries.Add(await CardSeal.SealAsync(destinations[i], i, files, _request, sealedAt, cancellationToken).ConfigureAwait(false));
        }

        return new OffloadReport(card, _request.SourcePath, started, _clock.GetUtcNow().UtcDateTime, files, problems, summaries);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
