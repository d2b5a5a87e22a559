using System.Text.RegularExpressions;
using Mam.Integrity.AscMhl;

namespace Mam.Integrity.Cards;

/// <summary>
/// The one rule, shared by the DIT's agent and the server, for which files of a card make a clip. The
/// card itself is always kept 1:1; this only decides which files become one asset and which metadata
/// belongs to it.
/// <list type="bullet">
/// <item>RED keeps a clip's spanned .R3D files in a .RDC folder: the folder is the clip.</item>
/// <item>Canon XF keeps one folder per clip under CONTENTS/CLIPS001: the folder is the clip.</item>
/// <item>CinemaDNG writes a folder of frames per clip: the folder is the clip.</item>
/// <item>Elsewhere, files sharing a name stem in one folder are one clip (A001C001.mov with A001C001.xml),
/// Sony's metadata (C0001M01.XML) goes with C0001.MP4, and a metadata file whose name starts with a clip's
/// (A001C001_meta.xml) goes with that clip.</item>
/// </list>
/// A group is a clip only if it holds media. OS litter and the ascmhl/ history belong to no clip.
/// </summary>
public static partial class CardLayout
{
    // Camera and recorder media. Raw formats ffmpeg cannot decode (R3D, BRAW, ARRIRAW) still become
    // clips: the catalog shows the probe's failure instead of silently ignoring the footage.
    private static readonly HashSet<string> VideoExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mov", ".mp4", ".m4v", ".mxf", ".mts", ".m2ts", ".avi", ".mkv", ".webm", ".mpg", ".mpeg",
        ".r3d", ".braw", ".ari", ".arx", ".crm", ".dng",
    };

    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".bwf", ".aif", ".aiff", ".mp3",
    };

    public static bool IsMedia(string relativePath) =>
        VideoExtensions.Contains(Path.GetExtension(relativePath)) || AudioExtensions.Contains(Path.GetExtension(relativePath));

    /// <summary>The clips among a card's files (POSIX paths relative to the card), in path order.</summary>
    public static IReadOnlyList<CardClip> Clips(IEnumerable<string> relativePaths)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        var files = relativePaths.Where(p => !MhlIgnoreRules.Default.IsIgnored(p)).Distinct(StringComparer.Ordinal).ToList();
        var media = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in files.Where(IsMedia))
        {
            var key = ClipKey(path);
            if (!media.TryGetValue(key, out var list))
            {
                media[key] = list = [];
            }
            list.Add(path);
        }

        var sidecars = media.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var path in files.Where(p => !IsMedia(p)))
        {
            if (ClipOf(path, media) is { } key)
            {
                sidecars[key].Add(path);
            }
        }

        return media.Select(m =>
        {
            var ordered = m.Value.OrderBy(p => AudioExtensions.Contains(Path.GetExtension(p)) ? 1 : 0).ThenBy(p => p, StringComparer.Ordinal).ToList();
            return new CardClip(Path.GetFileName(m.Key), ordered[0], ordered.Skip(1).Order(StringComparer.Ordinal).ToList(),
                sidecars[m.Key].Order(StringComparer.Ordinal).ToList());
        }).ToList();
    }

    /// <summary>The clip a non-media file belongs to: the clip with its key, else (for a clip named by its
    /// file stem) the clip in the same folder whose name is the longest prefix of the file's stem.</summary>
    private static string? ClipOf(string path, SortedDictionary<string, List<string>> clips)
    {
        var key = ClipKey(path);
        if (clips.ContainsKey(key))
        {
            return key;
        }
        var folder = Folder(path);
        var stem = Path.GetFileNameWithoutExtension(path);
        return clips.Keys
            .Where(k => Folder(k) == folder && stem.StartsWith(Path.GetFileName(k), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(k => k.Length)
            .FirstOrDefault();
    }

    /// <summary>Folder and name of the clip a file belongs to, e.g. "A004.RDM/A004_C001" for
    /// "A004.RDM/A004_C001.RDC/A004_C001_001.R3D", "Clips/A001C001" for "Clips/A001C001.xml".</summary>
    private static string ClipKey(string path)
    {
        var segments = path.Split('/');
        var rdc = Array.FindIndex(segments, s => s.EndsWith(".RDC", StringComparison.OrdinalIgnoreCase));
        if (rdc >= 0 && rdc < segments.Length - 1)
        {
            return string.Join('/', segments[..rdc].Append(Path.GetFileNameWithoutExtension(segments[rdc])));
        }

        var clips = Array.FindIndex(segments, s => s.StartsWith("CLIPS", StringComparison.OrdinalIgnoreCase));
        if (clips > 0 && string.Equals(segments[clips - 1], "CONTENTS", StringComparison.OrdinalIgnoreCase) && segments.Length > clips + 2)
        {
            return string.Join('/', segments[..(clips + 2)]);
        }

        if (segments.Length > 1 && string.Equals(Path.GetExtension(path), ".dng", StringComparison.OrdinalIgnoreCase))
        {
            return string.Join('/', segments[..^1]);
        }

        var folder = segments.Length > 1 ? string.Join('/', segments[..^1]) + "/" : string.Empty;
        return folder + SonySidecar().Replace(Path.GetFileNameWithoutExtension(segments[^1]), "${clip}");
    }

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    [GeneratedRegex("^(?<clip>[A-Z]?[0-9]{3,5})M[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex SonySidecar();
}
