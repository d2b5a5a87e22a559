using Mam.Core.Catalog.Entities;

namespace Mam.Core.Cards;

/// <summary>Recognises clips and their sidecars among a card's files. The card itself is always kept
/// 1:1; this only decides which files become assets and which metadata files belong to them.</summary>
public static class CardLayout
{
    // Camera and recorder media. Raw formats ffmpeg cannot decode (R3D, BRAW, ARRIRAW) still become
    // assets: the catalog shows the probe's failure instead of silently ignoring the footage.
    private static readonly HashSet<string> ClipExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mov", ".mp4", ".m4v", ".mxf", ".mts", ".m2ts", ".avi", ".mkv", ".webm", ".mpg", ".mpeg",
        ".r3d", ".braw", ".ari", ".arx", ".crm", ".wav", ".bwf", ".aif", ".aiff", ".mp3",
    };

    private static readonly HashSet<string> SidecarExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".xml", ".rmd", ".ale", ".srt", ".json", ".txt",
    };

    public static FileRole RoleOf(string relativePath, IReadOnlyCollection<string> allPaths)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(allPaths);
        if (IsHistoryOrJunk(relativePath))
        {
            return FileRole.Other;
        }
        if (IsClip(relativePath))
        {
            return FileRole.Clip;
        }
        return ClipOfSidecar(relativePath, allPaths) is null ? FileRole.Other : FileRole.Sidecar;
    }

    public static bool IsClip(string relativePath) =>
        !IsHistoryOrJunk(relativePath) && ClipExtensions.Contains(Path.GetExtension(relativePath));

    /// <summary>The clip a metadata file describes: same folder and a name that starts with the clip's
    /// (A001C001.xml for A001C001.mov; Sony's C0001M01.XML for C0001.MP4).</summary>
    public static string? ClipOfSidecar(string relativePath, IReadOnlyCollection<string> allPaths)
    {
        ArgumentNullException.ThrowIfNull(allPaths);
        if (IsHistoryOrJunk(relativePath) || !SidecarExtensions.Contains(Path.GetExtension(relativePath)))
        {
            return null;
        }
        var folder = Folder(relativePath);
        var stem = Path.GetFileNameWithoutExtension(relativePath);
        return allPaths
            .Where(p => IsClip(p) && Folder(p) == folder)
            .Where(p => stem.StartsWith(Path.GetFileNameWithoutExtension(p), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => Path.GetFileNameWithoutExtension(p).Length)
            .FirstOrDefault();
    }

    public static string ClipName(string relativePath) => Path.GetFileNameWithoutExtension(relativePath);

    /// <summary>ASC MHL history and the files operating systems drop on removable media.</summary>
    private static bool IsHistoryOrJunk(string relativePath)
    {
        var segments = relativePath.Split('/');
        var name = segments[^1];
        return segments.Any(s => s is "ascmhl" or ".Trashes" or ".Spotlight-V100" or ".fseventsd" or ".TemporaryItems")
            || name == ".DS_Store" || name.StartsWith("._", StringComparison.Ordinal) || name == "Thumbs.db";
    }

    private static string Folder(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? "" : relativePath[..slash];
    }
}
