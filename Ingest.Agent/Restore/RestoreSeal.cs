using System.Xml;
using Ingest.Agent.Offload;
using Mam.Contracts.Restores;
using Mam.Integrity.AscMhl;

namespace Ingest.Agent.Restore;

/// <summary>
/// Writes the restore's ASC MHL generation into a restored card folder, after its stored history (the
/// card's own ascmhl/ files, restored like any file): process <c>transfer</c>; each file restored
/// <c>verified</c> against the hash taken on set, or <c>failed</c> with what its bytes hashed to; a cut
/// is a new <c>original</c>. Directory and root hashes cover the files now in the folder.
/// </summary>
internal static class RestoreSeal
{
    /// <returns>The generation's path; null when no file had a hash to record.</returns>
    public static async Task<string?> SealAsync(string cardFolder, IReadOnlyList<RestoredFile> files, string author, string comment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = files
            .Where(f => f.Hashes.Count > 0 && !MhlIgnoreRules.Default.IsIgnored(f.File.Path))
            .OrderBy(f => f.File.Path, StringComparer.Ordinal)
            .Select(f => Entry(f, now))
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }
        var onDisk = entries.Where(e => e.Hashes.All(h => h.Action != MhlHashAction.Failed)).ToList();
        var (rootHashes, directories) = MhlDirectoryHashes.Compute(onDisk, now, folder => LastWriteOf(Path.Combine(cardFolder, folder)));
        var creator = new MhlCreatorInfo(now, Environment.MachineName, CardSeal.ToolName, CardSeal.ToolVersion, [new MhlAuthor(author, Role: "archivist")], Comment: comment);
        var generation = new MhlGeneration(creator, MhlProcess.Transfer, MhlIgnoreRules.DefaultPatterns, entries)
        {
            RootHashes = rootHashes,
            Directories = directories,
        };
        var history = await MhlHistory.OpenAsync(cardFolder, cancellationToken).ConfigureAwait(false);
        return (await history.WriteNextGenerationAsync(generation, cancellationToken).ConfigureAwait(false)).FilePath;
    }

    private static MhlFileEntry Entry(RestoredFile file, DateTimeOffset now)
    {
        var action = file.Result switch
        {
            RestoreResults.Verified => MhlHashAction.Verified,
            RestoreResults.Original => MhlHashAction.Original,
            _ => MhlHashAction.Failed,
        };
        var values = file.Hashes.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new MhlHashValue(h.Key, h.Value, action, now)).ToList();
        return new MhlFileEntry(file.File.Path, file.OnDisk ? new FileInfo(file.FullPath).Length : null, file.OnDisk ? new DateTimeOffset(file.LastWriteUtc) : null, values)
        {
            Metadata = file.File.Cut is { } cut ? CutMetadata.Of(cut) : [],
        };
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

    /// <summary>Errors that leave the files restored but no generation written (the report says so).</summary>
    public static bool IsWriteError(Exception ex) => ex is IOException or UnauthorizedAccessException or XmlException or FormatException;
}
