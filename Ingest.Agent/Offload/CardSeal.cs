using System.Reflection;
using System.Xml;
using Mam.Integrity.AscMhl;

namespace Ingest.Agent.Offload;

/// <summary>
/// Seals a destination's card folder with a new ASC MHL generation listing the files verified there.
/// A history the card already carried (its ascmhl/ folder is copied 1:1 like any file) is continued.
/// </summary>
internal static class CardSeal
{
    public const string ToolName = "mam-ingest-agent";

    public static string ToolVersion { get; } =
        typeof(CardSeal).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CardSeal).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public static async Task<DestinationSummary> SealAsync(
        DestinationWriter destination,
        int destinationIndex,
        IReadOnlyList<OffloadedFile> files,
        OffloadRequest request,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var verified = files.Where(f => f.Destinations[destinationIndex].Verified).ToList();
        var failed = files.Count - verified.Count;
        DestinationSummary Summary(string? error, string? mhl) =>
            new(destination.Root, destination.CardFolder, verified.Count, failed, error, mhl);

        if (destination.Error is not null)
        {
            return Summary(destination.Error, null);
        }

        if (verified.Count == 0)
        {
            return Summary("no file was verified here, so no ASC MHL generation was written", null);
        }

        var entries = verified.Where(f => !MhlIgnoreRules.Default.IsIgnored(f.RelativePath)).ToList();
        if (entries.Count == 0)
        {
            // Only OS litter on the card: copied, but a generation with no hashes would say nothing.
            return Summary(null, null);
        }

        try
        {
            var history = await MhlHistory.OpenAsync(destination.CardFolder, cancellationToken).ConfigureAwait(false);
            var known = await KnownHashesAsync(history, cancellationToken).ConfigureAwait(false);
            var mismatches = new List<string>();
            var hashed = entries.Select(f =>
            {
                var (entry, failed) = Entry(f, known.GetValueOrDefault(f.RelativePath), now);
                if (failed)
                {
                    mismatches.Add(f.RelativePath);
                }

                return entry;
            }).ToList();
            var (rootHashes, directories) = MhlDirectoryHashes.Compute(hashed, now, folder => LastWriteOf(Path.Combine(destination.CardFolder, folder)));

            var creator = new MhlCreatorInfo(
                now,
                Environment.MachineName,
                ToolName,
                ToolVersion,
                [new MhlAuthor(request.Dit, Role: "DIT")],
                Comment: $"Offload of card {Path.GetFileName(destination.CardFolder)} for project {request.Project}");
            var generation = new MhlGeneration(creator, MhlProcess.Transfer, MhlIgnoreRules.DefaultPatterns, hashed)
            {
                RootHashes = rootHashes,
                Directories = directories,
            };
            var written = await history.WriteNextGenerationAsync(generation, cancellationToken).ConfigureAwait(false);
            var error = mismatches.Count == 0
                ? null
                : $"{mismatches.Count} file(s) differ from the card's earlier ASC MHL history: {string.Join(", ", mismatches)}";
            return Summary(error, written.FilePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException or FormatException)
        {
            return Summary($"could not write the ASC MHL generation: {ex.Message}", null);
        }
    }

    /// <summary>
    /// One file's record, per format as ascmhl keeps it: a format the history already holds is
    /// verified (or failed), a format recorded for the first time is original. A file that differs
    /// from the history keeps only the formats that were compared, all failed: a new format's value
    /// would otherwise stand as the original of bytes the card was never meant to hold.
    /// </summary>
    private static (MhlFileEntry Entry, bool Failed) Entry(OffloadedFile file, Dictionary<string, string>? earlier, DateTimeOffset now)
    {
        var compared = file.Hashes.Where(h => earlier?.ContainsKey(h.Key) == true).ToList();
        var failed = file.HistoryMismatch is not null
            || compared.Any(h => !string.Equals(earlier![h.Key], h.Value, StringComparison.Ordinal));
        var recorded = failed && compared.Count > 0 ? compared : [.. file.Hashes];
        var values = recorded
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => new MhlHashValue(h.Key, h.Value, failed ? MhlHashAction.Failed : earlier?.ContainsKey(h.Key) == true ? MhlHashAction.Verified : MhlHashAction.Original, now))
            .ToList();
        return (new MhlFileEntry(file.RelativePath, file.Size, new DateTimeOffset(file.LastWriteUtc), values), failed);
    }

    /// <summary>Path → format → the latest hash an earlier generation recorded (failed entries excluded).</summary>
    internal static async Task<Dictionary<string, Dictionary<string, string>>> KnownHashesAsync(MhlHistory history, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var generation in await history.ReadGenerationsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var file in generation.Files)
            {
                foreach (var hash in file.Hashes.Where(h => h.Action != MhlHashAction.Failed))
                {
                    if (!known.TryGetValue(file.Path, out var formats))
                    {
                        known[file.Path] = formats = new Dictionary<string, string>(StringComparer.Ordinal);
                    }

                    formats[hash.Format] = hash.Value;
                }
            }
        }

        return known;
    }

    private static DateTimeOffset? LastWriteOf(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? new DateTimeOffset(Directory.GetLastWriteTimeUtc(folder)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
