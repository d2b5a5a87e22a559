using Mam.Integrity.AscMhl;

namespace Ingest.Agent.Verification;

/// <summary>
/// The folders of a tree that carry their own ASC MHL history (an <c>ascmhl/</c> folder with a chain
/// file or a generation), as ascmhl finds nested histories: a Reels folder may hold cards that each
/// keep their own.
/// </summary>
internal static class HistoryRoots
{
    /// <param name="relativePaths">Every file of the tree, POSIX style, relative to its root.</param>
    /// <returns>Relative history roots ("" for the tree's root), deepest first.</returns>
    public static IReadOnlyList<string> Find(IEnumerable<string> relativePaths) =>
        relativePaths
            .Select(HistoryRootOf)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(p => p.Length)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();

    /// <summary>The deepest history root that owns a file (its own history, not an outer one).</summary>
    public static string OwnerOf(string relativePath, IReadOnlyList<string> deepestFirst) =>
        deepestFirst.FirstOrDefault(root => root.Length == 0 || relativePath.StartsWith(root + "/", StringComparison.Ordinal)) ?? string.Empty;

    private static string? HistoryRootOf(string path)
    {
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        var folder = slash < 0 ? string.Empty : path[..slash];
        var isHistoryFile = string.Equals(name, MhlHistory.ChainFileName, StringComparison.Ordinal) || name.EndsWith(".mhl", StringComparison.Ordinal);
        if (!isHistoryFile)
        {
            return null;
        }

        if (string.Equals(folder, MhlHistory.FolderName, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        return folder.EndsWith("/" + MhlHistory.FolderName, StringComparison.Ordinal) ? folder[..^(MhlHistory.FolderName.Length + 1)] : null;
    }
}
