using System.Text.RegularExpressions;
using Mam.Core.Integrity.AscMhl;

namespace Ingest.Agent.Cards;

/// <summary>A clip and the files that belong to it (essence, sidecar XML, LUT, audio…).</summary>
public sealed record ClipGroup(string Clip, IReadOnlyList<string> Files);

/// <summary>
/// Groups a card's files into clips: RED keeps a clip's spanned .R3D files in its .RDC folder, Canon XF
/// one folder per clip under CONTENTS/CLIPS001; elsewhere files sharing a name stem in one folder belong
/// together, with Sony's metadata sidecar (C0001M01.XML beside C0001.MP4) mapped to its clip. OS junk and
/// the ascmhl/ history belong to no clip.
/// </summary>
public static partial class ClipGroups
{
    private static readonly string[] MediaExtensions = [".mov", ".mxf", ".mp4", ".ari", ".arx", ".r3d", ".braw", ".crm", ".mts", ".wav", ".dng"];

    public static IReadOnlyList<ClipGroup> Group(IEnumerable<string> relativePaths)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in relativePaths.Where(p => !MhlIgnoreRules.Default.IsIgnored(p)))
        {
            var key = ClipKey(path);
            if (!groups.TryGetValue(key, out var files))
            {
                groups[key] = files = [];
            }

            files.Add(path);
        }

        // A group is a clip only if it holds media; lone sidecars (Sidecar.txt, card-level XML) are not clips.
        return groups
            .Where(g => g.Value.Exists(f => MediaExtensions.Contains(Path.GetExtension(f).ToLowerInvariant(), StringComparer.Ordinal)))
            .Select(g => new ClipGroup(Path.GetFileName(g.Key), g.Value.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private static string ClipKey(string path)
    {
        var segments = path.Split('/');
        var rdc = Array.FindIndex(segments, s => s.EndsWith(".RDC", StringComparison.OrdinalIgnoreCase));
        if (rdc >= 0)
        {
            return string.Join('/', segments[..rdc]) + "/" + Path.GetFileNameWithoutExtension(segments[rdc]);
        }

        var clips = Array.FindIndex(segments, s => s.StartsWith("CLIPS", StringComparison.Ordinal));
        if (clips > 0 && segments[clips - 1] == "CONTENTS" && segments.Length > clips + 2)
        {
            return string.Join('/', segments[..(clips + 2)]);
        }

        var folder = segments.Length > 1 ? string.Join('/', segments[..^1]) + "/" : string.Empty;
        var stem = Path.GetFileNameWithoutExtension(segments[^1]);
        return folder + SonySidecar().Replace(stem, "${clip}");
    }

    [GeneratedRegex("^(?<clip>[A-Z]?[0-9]{3,5})M[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex SonySidecar();
}
