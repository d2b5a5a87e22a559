using Ingest.Agent.Cards;
using Ingest.Agent.Offload;
using Mam.Integrity.AscMhl;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Verification;

/// <summary>
/// <c>verify DIR</c>, the way <c>ascmhl verify</c>/<c>create</c> treat a folder with history:
/// every file any generation recorded is re-hashed from the device in each recorded format and
/// compared with the latest non-failed value; files gone are missing, files unknown are new. A
/// generation (process in-place) recording verified/failed/original is appended to each history.
/// Nested histories (a Reels folder holding cards that carry their own ascmhl/) are each checked
/// for their own files, as ascmhl does.
/// </summary>
public sealed class CardVerification
{
    private readonly string _root;
    private readonly string _author;
    private readonly TimeProvider _clock;

    public CardVerification(string root, string author, TimeProvider clock)
    {
        _root = root;
        _author = author;
        _clock = clock;
    }

    public async Task<HistoryCheckReport> RunAsync(bool writeGeneration, CancellationToken cancellationToken)
    {
        var (files, _) = CardSource.Scan(_root, cancellationToken);
        var historyRoots = HistoryRoots.Find(files.Select(f => f.RelativePath));
        var checks = new List<FileCheck>();
        var written = new List<string>();
        var now = _clock.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        foreach (var relativeRoot in historyRoots)
        {
            var historyRoot = relativeRoot.Length == 0 ? _root : Path.Combine(_root, relativeRoot);
            var prefix = relativeRoot.Length == 0 ? string.Empty : relativeRoot + "/";
            // Files under a deeper history belong to that one.
            var own = files
                .Where(f => string.Equals(HistoryRoots.OwnerOf(f.RelativePath, historyRoots), relativeRoot, StringComparison.Ordinal))
                .Select(f => (Path: f.RelativePath[prefix.Length..], f.FullPath, f.Size, f.LastWriteUtc))
                .ToList();
            var (fileChecks, entries) = await CheckHistoryAsync(historyRoot, own, now, cancellationToken).ConfigureAwait(false);
            checks.AddRange(fileChecks);
            if (writeGeneration && entries.Count > 0)
            {
                written.Add(await AppendGenerationAsync(historyRoot, entries, now, cancellationToken).ConfigureAwait(false));
            }
        }

        return new HistoryCheckReport(checks, written);
    }

    private static async Task<(List<FileCheck> Checks, List<MhlFileEntry> Entries)> CheckHistoryAsync(
        string historyRoot,
        List<(string Path, string FullPath, long Size, DateTime LastWriteUtc)> onDisk,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var history = await MhlHistory.OpenAsync(historyRoot, cancellationToken).ConfigureAwait(false);
        var generations = await history.ReadGenerationsAsync(cancellationToken).ConfigureAwait(false);
        var known = await CardSeal.KnownHashesAsync(history, cancellationToken).ConfigureAwait(false);
        var everListed = generations.SelectMany(g => g.Files).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var patterns = generations.SelectMany(g => g.IgnorePatterns).Concat(MhlIgnoreRules.DefaultPatterns).Distinct(StringComparer.Ordinal).ToList();
        var ignore = new MhlIgnoreRules(patterns);
        var checks = new List<FileCheck>();
        var entries = new List<MhlFileEntry>();
        var present = onDisk.Where(f => !ignore.IsIgnored(f.Path)).ToDictionary(f => f.Path, StringComparer.Ordinal);

        foreach (var path in everListed.Order(StringComparer.Ordinal))
        {
            if (!present.ContainsKey(path))
            {
                checks.Add(new FileCheck(historyRoot, path, FileCheckState.Missing, "listed in the ASC MHL history but not on disk"));
            }
        }

        foreach (var file in present.Values.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var expected = known.GetValueOrDefault(file.Path);
            var formats = expected is { Count: > 0 } ? HashFormats.All.Where(expected.ContainsKey).ToList() : [HashFormats.Xxh64];
            IReadOnlyDictionary<string, string> actual;
            try
            {
                // xxh64 in the same read even when the history holds other formats only: it is what the MAM compares with.
                var hashed = formats.Contains(HashFormats.Xxh64) ? formats : [.. formats, HashFormats.Xxh64];
                actual = await DeviceRead.HashesAsync(file.FullPath, hashed, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                checks.Add(new FileCheck(historyRoot, file.Path, FileCheckState.Failed, $"cannot read: {ex.Message}"));
                continue;
            }

            MhlHashAction action;
            if (expected is not { Count: > 0 })
            {
                action = MhlHashAction.Original;
                checks.Add(new FileCheck(historyRoot, file.Path, FileCheckState.New, everListed.Contains(file.Path) ? "only failed hashes on record" : "not in the ASC MHL history", actual[HashFormats.Xxh64]));
            }
            else
            {
                var mismatches = formats.Where(f => !string.Equals(expected[f], actual[f], StringComparison.Ordinal))
                    .Select(f => $"{f} recorded {expected[f]}, now {actual[f]}")
                    .ToList();
                action = mismatches.Count == 0 ? MhlHashAction.Verified : MhlHashAction.Failed;
                checks.Add(new FileCheck(historyRoot, file.Path, mismatches.Count == 0 ? FileCheckState.Verified : FileCheckState.Failed, mismatches.Count == 0 ? null : string.Join("; ", mismatches), actual[HashFormats.Xxh64]));
            }

            entries.Add(new MhlFileEntry(
                file.Path,
                file.Size,
                new DateTimeOffset(file.LastWriteUtc),
                formats.Select(f => new MhlHashValue(f, actual[f], action, now)).ToList()));
        }

        return (checks, entries);
    }

    private async Task<string> AppendGenerationAsync(string historyRoot, List<MhlFileEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var history = await MhlHistory.OpenAsync(historyRoot, cancellationToken).ConfigureAwait(false);
        var (rootHashes, directories) = MhlDirectoryHashes.Compute(entries, now);
        var creator = new MhlCreatorInfo(now, Environment.MachineName, CardSeal.ToolName, CardSeal.ToolVersion, [new MhlAuthor(_author, Role: "DIT")], Comment: "Verification of the folder against its ASC MHL history");
        var generation = new MhlGeneration(creator, MhlProcess.InPlace, MhlIgnoreRules.DefaultPatterns, entries)
        {
            RootHashes = rootHashes,
            Directories = directories,
        };
        return (await history.WriteNextGenerationAsync(generation, cancellationToken).ConfigureAwait(false)).FilePath;
    }
}
