using Ingest.Agent.Cards;

namespace Ingest.Agent.Offload;

/// <summary>
/// Checks that can refuse an offload before anything is written. A destination that merely fails
/// while writing is not refused here: it fails alone during the offload and the others complete.
/// </summary>
public static class OffloadPreflight
{
    /// <returns>Why the offload must not start, or null when it may.</returns>
    public static string? Check(OffloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.SourcePath;
        if (File.Exists(source))
        {
            return $"Source '{source}' is not a directory: point SOURCE at the card's root folder.";
        }

        if (!Directory.Exists(source))
        {
            return $"Source '{source}' does not exist.";
        }

        if (string.IsNullOrEmpty(Path.GetFileName(source)))
        {
            return $"Source '{source}' has no folder name to name the card after.";
        }

        if (!CardSource.HasAnyFile(source))
        {
            return $"Source '{source}' is empty: there are no files to offload.";
        }

        if (request.Destinations.Count == 0)
        {
            return "At least one --dest is required.";
        }

        var cardName = Path.GetFileName(source);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var destination in request.Destinations)
        {
            if (!seen.Add(destination))
            {
                return $"Destination '{destination}' is given twice.";
            }

            if (IsSameOrInside(destination, source))
            {
                return $"Destination '{destination}' is inside the source '{source}': the copy would be copied into itself.";
            }

            var cardFolder = Path.Combine(destination, cardName);
            if (IsSameOrInside(source, cardFolder))
            {
                return $"Destination '{destination}' would put the card at '{cardFolder}', which is the source itself.";
            }
        }

        return null;
    }

    private static bool IsSameOrInside(string path, string folder) =>
        string.Equals(path, folder, StringComparison.Ordinal)
        || path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
