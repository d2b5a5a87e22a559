using PdfSharp.Fonts;

namespace Mam.Api.Review.Approvals.Documents;

/// <summary>The typefaces certificate PDFs are set in: DejaVu Sans (names, notes: Latin, Greek,
/// Cyrillic and more) and DejaVu Sans Mono (hashes and the signed text), read from
/// <c>Review:CertificateFontFolder</c> (Debian's fonts-dejavu-core). PDFsharp embeds the glyphs used,
/// so the PDF reads the same on any machine. Nothing is looked up on the system beyond that folder.</summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["sans"] = "DejaVuSans.ttf",
        ["sans-bold"] = "DejaVuSans-Bold.ttf",
        ["mono"] = "DejaVuSansMono.ttf",
    };

    private static readonly Lock Gate = new();
    private static CertificateFonts? _installed;

    private readonly string _folder;

    private CertificateFonts(string folder) => _folder = folder;

    /// <summary>The font file that is missing from <paramref name="folder"/>, or null when all are there.</summary>
    public static string? Missing(string folder) =>
        Files.Values.Select(f => Path.Combine(folder, f)).FirstOrDefault(f => !File.Exists(f));

    /// <summary>PDFsharp takes one resolver per process; the first folder given is the one used.</summary>
    public static void Install(string folder)
    {
        lock (Gate)
        {
            if (_installed is not null)
            {
                return;
            }
            _installed = new CertificateFonts(folder);
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        Sans => new FontResolverInfo(bold ? "sans-bold" : "sans"),
        Mono => new FontResolverInfo("mono"),
        _ => null,
    };

    public byte[]? GetFont(string faceName) =>
        Files.TryGetValue(faceName, out var file) ? File.ReadAllBytes(Path.Combine(_folder, file)) : null;
}
