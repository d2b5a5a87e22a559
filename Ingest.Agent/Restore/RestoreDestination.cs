namespace Ingest.Agent.Restore;

/// <summary>Where a restore may write: DEST/&lt;card&gt;/ for each card of the plan. A card folder that already
/// holds files is refused unless the archivist said --merge (or it is this restore's own, resumed), so
/// nothing is mixed into another copy by surprise; even then nothing there is overwritten.</summary>
internal static class RestoreDestination
{
    private const int NamedFiles = 3;

    /// <returns>Why the restore must not start, or null.</returns>
    public static string? Refusal(string destination, IReadOnlyList<string> cards, bool mayHoldFiles)
    {
        if (File.Exists(destination))
        {
            return $"--dest {destination} is a file, not a folder.";
        }
        foreach (var card in cards)
        {
            var folder = Path.Combine(destination, card);
            if (File.Exists(folder))
            {
                return $"{folder} is a file; the card's folder would go there. Restore into another folder.";
            }
            if (mayHoldFiles || !Directory.Exists(folder))
            {
                continue;
            }
            var present = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Take(NamedFiles + 1)
                .ToList();
            if (present.Count > 0)
            {
                return $"{folder} already holds files ({string.Join(", ", present.Take(NamedFiles))}{(present.Count > NamedFiles ? ", …" : "")}). "
                    + "Restore into an empty folder, or add --merge to restore beside them: a file already there is kept when it matches the set's hash and never overwritten.";
            }
        }
        return null;
    }
}
