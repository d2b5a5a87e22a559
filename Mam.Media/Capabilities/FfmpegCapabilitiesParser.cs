using System.Text.RegularExpressions;

namespace Mam.Media.Capabilities;

/// <summary>Reads what ffmpeg prints for <c>-version</c>, <c>-hide_banner -encoders</c>, <c>-filters</c> and
/// <c>-hwaccels</c>. The layouts are ffmpeg's (fftools/opt_common.c) and have been stable since 4.x;
/// tested on the saved output of Debian's 5.1.</summary>
public static partial class FfmpegCapabilitiesParser
{
    /// <summary>"ffmpeg version 5.1.9-0+deb12u1 Copyright (c) …" → "5.1.9-0+deb12u1".</summary>
    /// <exception cref="FormatException">Not ffmpeg's version banner.</exception>
    public static string ParseVersion(string output)
    {
        var match = VersionLine().Match(output ?? "");
        return match.Success ? match.Groups["version"].Value : throw new FormatException("ffmpeg -version printed no \"ffmpeg version …\" line.");
    }

    /// <summary>" V....D libx264   libx264 H.264 / AVC …" after the "------" rule: the encoder names. The legend
    /// above it has the same shape (" V..... = Video"), so nothing is read before the rule.</summary>
    public static IReadOnlySet<string> ParseEncoders(string output) =>
        Lines(output).SkipWhile(l => !l.Trim().StartsWith("---", StringComparison.Ordinal)).Skip(1)
            .Select(l => EncoderLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>" T.C scdet   V->V   Detect video scene change"; the legend lines have no "->" column.</summary>
    public static IReadOnlySet<string> ParseFilters(string output) =>
        Lines(output).Select(l => FilterLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>"Hardware acceleration methods:" then one name a line.</summary>
    public static IReadOnlyList<string> ParseHardwareAccelerators(string output) =>
        Lines(output).SkipWhile(l => !l.StartsWith("Hardware acceleration methods", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static IEnumerable<string> Lines(string output) => (output ?? "").Split('\n').Select(l => l.TrimEnd('\r'));

    [GeneratedRegex(@"^ffmpeg version (?<version>\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"^\s*[VAS][F.][S.][X.][B.][D.]\s+(?<name>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex EncoderLine();

    [GeneratedRegex(@"^\s*[T.][S.][C.]\s+(?<name>\S+)\s+\S*->\S*\s", RegexOptions.CultureInvariant)]
    private static partial Regex FilterLine();
}
