using System.Text.RegularExpressions;

namespace Ingest.Agent.Cards;

/// <summary>
/// Recognises the common camera card layouts well enough to name the card and its reel:
/// ARRI (reel-named folder, A001C001 clips), Sony XAVC (PRIVATE/M4ROOT), Canon XF (CONTENTS/CLIPS001),
/// RED (A001_C001.RDM with .RDC clip folders) and Blackmagic (A001_…_C001.braw). The card folder's
/// own name stays the card name; the layout only adds camera and roll where it can tell them.
/// </summary>
public static partial class CardLayouts
{
    public static CardIdentity Identify(string cardRoot)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(cardRoot));
        var byName = CardIdentity.FromFolderName(name);
        if (byName.Camera is not null)
        {
            return byName with { Layout = "ARRI" };
        }

        try
        {
            return Inspect(cardRoot, name) ?? byName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return byName;
        }
    }

    private static CardIdentity? Inspect(string root, string name)
    {
        if (Directory.Exists(Path.Combine(root, "PRIVATE", "M4ROOT")))
        {
            return new CardIdentity(name, null, null) { Layout = "Sony XAVC" };
        }

        if (Directory.Exists(Path.Combine(root, "CONTENTS")) && Directory.EnumerateDirectories(Path.Combine(root, "CONTENTS"), "CLIPS*").Any())
        {
            return new CardIdentity(name, null, null) { Layout = "Canon XF" };
        }

        var rdm = Directory.EnumerateDirectories(root, "*.RDM", SearchOption.TopDirectoryOnly).FirstOrDefault()
            ?? (name.EndsWith(".RDM", StringComparison.OrdinalIgnoreCase) ? root : null);
        if (rdm is not null)
        {
            var reel = Path.GetFileNameWithoutExtension(rdm);
            var match = ReelPrefix().Match(reel);
            return new CardIdentity(name, match.Success ? match.Groups["camera"].Value : null, match.Success ? match.Value : reel) { Layout = "RED" };
        }

        var braw = Directory.EnumerateFiles(root, "*.braw", SearchOption.AllDirectories).FirstOrDefault();
        if (braw is not null)
        {
            var match = ReelPrefix().Match(Path.GetFileName(braw));
            return new CardIdentity(name, match.Success ? match.Groups["camera"].Value : null, match.Success ? match.Value : null) { Layout = "Blackmagic" };
        }

        var arriClip = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Select(f => ArriClip().Match(f!))
            .FirstOrDefault(m => m.Success);
        return arriClip is null
            ? null
            : new CardIdentity(name, arriClip.Groups["camera"].Value, arriClip.Groups["camera"].Value + arriClip.Groups["reel"].Value) { Layout = "ARRI" };
    }

    [GeneratedRegex("^(?<camera>[A-Z])[0-9]{3}", RegexOptions.CultureInvariant)]
    private static partial Regex ReelPrefix();

    [GeneratedRegex(@"^(?<camera>[A-Z])(?<reel>[0-9]{3})C[0-9]{3}_[0-9]{6}_R[0-9A-Z]{4}\.(mxf|ari|mov)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ArriClip();
}
