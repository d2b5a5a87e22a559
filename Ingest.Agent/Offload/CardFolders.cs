using Ingest.Agent.Cards;
using Mam.Integrity.AscMhl;

namespace Ingest.Agent.Offload;

/// <summary>
/// Which folder a card gets on a destination. The same card goes back into its own folder (resume,
/// re-offload, the card reinserted after more takes); a different card with the same name never
/// overwrites it: it gets NAME_2, NAME_3…, as DIT tools do. The folder itself says whose it is, so
/// nothing of ours has to stay in it: it holds this card when every file in it (OS litter, the
/// ascmhl/ history and unfinished temp files aside) is a file of the card with the same path, size
/// and modification time — copies keep the card's times.
/// </summary>
public static class CardFolders
{
    /// <summary>What agents before 2026-12 left in ascmhl/ to recognise the card; removed when met.</summary>
    public const string LegacyMarkerFileName = ".mam-ingest-card";

    /// <summary>FAT keeps modification times to 2 s, HFS+ to 1 s: a copy's time may be rounded that much.</summary>
    private static readonly TimeSpan TimeTolerance = TimeSpan.FromSeconds(2);

    private static readonly EnumerationOptions AllFiles = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = true,
    };

    public static string Choose(string destinationRoot, string cardName, IReadOnlyList<SourceFile> cardFiles)
    {
        ArgumentNullException.ThrowIfNull(cardName);
        ArgumentNullException.ThrowIfNull(cardFiles);
        var card = cardFiles.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? cardName : FormattableString.Invariant($"{cardName}_{n}");
            var folder = Path.Combine(destinationRoot, name);
            if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any() || Holds(folder, card))
            {
                return name;
            }
        }
    }

    /// <summary>Removes what older agents left in a card folder's ascmhl/ (the listing fingerprint file).</summary>
    public static void RemoveLegacyMarker(string cardFolder)
    {
        try
        {
            File.Delete(Path.Combine(cardFolder, MhlHistory.FolderName, LegacyMarkerFileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Harmless if it stays: nothing reads it any more.
        }
    }

    private static bool Holds(string folder, Dictionary<string, SourceFile> card)
    {
        var files = 0;
        try
        {
            foreach (var info in new DirectoryInfo(folder).EnumerateFiles("*", AllFiles))
            {
                var path = Path.GetRelativePath(folder, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (MhlIgnoreRules.Default.IsIgnored(path) || info.Name.EndsWith(".mamtmp", StringComparison.Ordinal))
                {
                    continue;
                }

                files++;
                if (!card.TryGetValue(path, out var original)
                    || original.Size != info.Length
                    || (original.LastWriteUtc - info.LastWriteTimeUtc).Duration() > TimeTolerance)
                {
                    return false;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // Nothing but leftovers of a run stopped before its first file verified is ours to reuse; a
        // history with no files beside it is somebody's record and is left alone.
        return files > 0 || !HasGenerations(folder);
    }

    private static bool HasGenerations(string folder)
    {
        var history = Path.Combine(folder, MhlHistory.FolderName);
        return Directory.Exists(history) && Directory.EnumerateFiles(history, "*.mhl").Any();
    }
}
