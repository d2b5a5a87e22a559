using Ingest.Agent.Cards;
using Ingest.Agent.Offload;
using Mam.Integrity.Hashing;
using Mam.Integrity.AscMhl;
using Mam.Contracts.Cards;

namespace Ingest.Agent.Upload;

/// <summary>One file to send: where its verified copy is and the hash the server must confirm.</summary>
public sealed record PlannedUpload(string RelativePath, string LocalPath, long Size, string Xxh64, IReadOnlyDictionary<string, string> Hashes);

/// <summary>Everything an upload of one card needs, from a fresh offload or from a card folder offloaded earlier.</summary>
public sealed record CardUploadPlan(string Project, CardIdentity Card, string Dit, string SourceVolume, DateTime OffloadedAt, IReadOnlyList<PlannedUpload> Files)
{
    /// <summary>Where the verified copies are, for the message after a failed upload.</summary>
    public string SafeAt { get; init; } = SourceVolume;

    /// <summary>The on-set copies, reported with the card so the server counts them among its copies.</summary>
    public IReadOnlyList<CardDestination> Destinations { get; init; } = [];

    /// <summary>Verified files from their first verified copy, then the ascmhl/ history as sealed on a destination.</summary>
    public static CardUploadPlan FromReport(OffloadReport report, OffloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(request);
        var sealedDestination = report.Destinations.FirstOrDefault(d => d.MhlPath is not null);
        var historyPrefix = MhlHistory.FolderName + "/";
        var files = report.Files
            .Where(f => f.FirstVerifiedCopy is not null && f.Xxh64 is not null)
            // A file that no longer matches the card's own history is not sent as an original.
            .Where(f => f.HistoryMismatch is null)
            .Where(f => sealedDestination is null || !f.RelativePath.StartsWith(historyPrefix, StringComparison.Ordinal))
            .Select(f => new PlannedUpload(f.RelativePath, f.FirstVerifiedCopy!.FinalPath, f.Size, f.Xxh64!, f.Hashes))
            .ToList();
        if (sealedDestination is not null)
        {
            files.AddRange(HistoryFiles(sealedDestination.CardFolder));
        }

        var finished = report.FinishedUtc;
        return new CardUploadPlan(request.Project, report.Card, request.Dit, report.SourcePath, DateTime.SpecifyKind(finished.AddTicks(-(finished.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc), files)
        {
            SafeAt = string.Join(", ", report.Destinations.Where(d => d.VerifiedFiles > 0).Select(d => d.CardFolder)),
            Destinations = report.Destinations.Where(d => d.VerifiedFiles > 0).Select(d => OnSetCopy(d.CardFolder, finished,
                report.Files.Where(f => !f.Destinations.Any(c => c.DestinationRoot == d.Root && c.Verified)).Select(f => f.RelativePath).ToList())).ToList(),
        };
    }

    /// <summary>
    /// A card folder offloaded earlier (<c>upload DIR</c>): the files its ASC MHL history lists, with
    /// the latest recorded hashes (the server re-checks xxh64), plus the history itself.
    /// </summary>
    public static async Task<CardUploadPlan> FromCardFolderAsync(string cardFolder, string project, string dit, CancellationToken cancellationToken)
    {
        var history = await MhlHistory.OpenAsync(cardFolder, cancellationToken).ConfigureAwait(false);
        if (history.Generations.Count == 0)
        {
            throw new InvalidOperationException($"{cardFolder} has no ASC MHL history (ascmhl/): offload it first.");
        }

        var latest = new SortedDictionary<string, MhlFileEntry>(StringComparer.Ordinal);
        foreach (var generation in await history.ReadGenerationsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var file in generation.Files.Where(f => f.GetHash("xxh64") is not null && f.Hashes.All(h => h.Action != MhlHashAction.Failed)))
            {
                latest[file.Path] = file;
            }
        }

        var files = latest.Values
            .Select(f => new PlannedUpload(
                f.Path,
                Path.Combine(cardFolder, f.Path.Replace('/', Path.DirectorySeparatorChar)),
                f.Size ?? new FileInfo(Path.Combine(cardFolder, f.Path)).Length,
                f.GetHash("xxh64")!,
                f.Hashes.ToDictionary(h => h.Format, h => h.Value, StringComparer.Ordinal)))
            .ToList();
        files.AddRange(HistoryFiles(cardFolder));
        var card = CardLayouts.Identify(cardFolder);
        var sealedAt = DateTime.SpecifyKind(File.GetLastWriteTimeUtc(history.ChainFilePath), DateTimeKind.Utc);
        return new CardUploadPlan(project, card, dit, cardFolder, sealedAt, files)
        {
            Destinations = [OnSetCopy(cardFolder, sealedAt, [])],
        };
    }

    /// <summary>A destination as the server records it: this machine's name and the card folder.</summary>
    private static CardDestination OnSetCopy(string cardFolder, DateTime verifiedAt, IReadOnlyList<string> notVerified) =>
        new($"{Environment.MachineName}:{Path.GetFullPath(cardFolder)}", new DateTimeOffset(verifiedAt, TimeSpan.Zero), $"{CardSeal.ToolName} {CardSeal.ToolVersion}", notVerified);

    /// <summary>The generations and the chain; the agent's own dot files (lock, marker) stay local.</summary>
    private static IEnumerable<PlannedUpload> HistoryFiles(string cardFolder)
    {
        var historyFolder = Path.Combine(cardFolder, MhlHistory.FolderName);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        foreach (var path in Directory.EnumerateFiles(historyFolder, "*", options).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path).StartsWith('.'))
            {
                continue;
            }

            var relative = Path.GetRelativePath(cardFolder, path).Replace(Path.DirectorySeparatorChar, '/');
            var hash = Xxh64.HashHex(File.ReadAllBytes(path));
            yield return new PlannedUpload(relative, path, new FileInfo(path).Length, hash, new Dictionary<string, string>(StringComparer.Ordinal) { ["xxh64"] = hash });
        }
    }
}
