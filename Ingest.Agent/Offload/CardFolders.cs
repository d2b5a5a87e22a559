using Mam.Integrity.AscMhl;

namespace Ingest.Agent.Offload;

/// <summary>
/// Which folder a card gets on a destination. The same card (same listing fingerprint) goes back
/// into its own folder (resume, re-offload); a different card with the same name never overwrites
/// it: it gets NAME_2, NAME_3…, as DIT tools do.
/// </summary>
public static class CardFolders
{
    public const string MarkerFileName = ".mam-ingest-card";

    public static string Choose(string destinationRoot, string cardName, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(cardName);
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? cardName : FormattableString.Invariant($"{cardName}_{n}");
            var folder = Path.Combine(destinationRoot, name);
            if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                return name;
            }

            var marker = Path.Combine(folder, MhlHistory.FolderName, MarkerFileName);
            if (File.Exists(marker) && string.Equals(ReadQuietly(marker), fingerprint, StringComparison.Ordinal))
            {
                return name;
            }
        }
    }

    public static void Mark(string cardFolder, string fingerprint)
    {
        var folder = Path.Combine(cardFolder, MhlHistory.FolderName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, MarkerFileName), fingerprint);
    }

    private static string? ReadQuietly(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
