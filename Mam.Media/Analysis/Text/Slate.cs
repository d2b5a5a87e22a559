using System.Globalization;
using System.Text.RegularExpressions;

namespace Mam.Media.Analysis.Text;

/// <summary>Scene and take read off a slate (clapperboard), with the roll when it shows.</summary>
public sealed record Slate(string Scene, string Take, string? Roll, string RawText)
{
    /// <summary>What an editor types into the search box: "scene 12 take 3".</summary>
    public string Label => $"scene {Scene} take {Take}";

    public string Detail => Roll is null ? RawText : $"roll {Roll} · {RawText}";
}

/// <summary>Finds scene and take in the text of a frame. Slates write them two ways: inline
/// ("SCENE 12 TAKE 3", "SC 4A TK 2") or as a grid with the headings above the values
/// (ROLL / SCENE / TAKE, then A012 / 12 / 3 underneath); both are read. A frame counts as a slate only
/// when both a scene and a take are found: a "scene" on its own is just a word in a super.</summary>
public static partial class SlateReader
{
    [GeneratedRegex(@"(?<![A-Z0-9])(?:SCENE|SCN|SC)(?![A-Z])\.?[ \t]*(?:NO\.?|#|:)?[ \t]*(?<v>[0-9]{1,4}[A-Z]{0,2})(?![A-Z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScene();

    [GeneratedRegex(@"(?<![A-Z0-9])(?:TAKE|TK)(?![A-Z])\.?[ \t]*(?:NO\.?|#|:)?[ \t]*(?<v>[0-9]{1,3})(?![A-Z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineTake();

    [GeneratedRegex(@"(?<![A-Z0-9])(?:ROLL|RL)(?![A-Z])\.?[ \t]*(?:NO\.?|#|:)?[ \t]*(?<v>[A-Z]{0,2}[0-9]{1,4}[A-Z]?)(?![A-Z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineRoll();

    [GeneratedRegex("^[0-9]{1,4}[A-Z]{0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SceneValue();

    [GeneratedRegex("^[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex TakeValue();

    [GeneratedRegex("^[A-Z]{0,2}[0-9]{1,4}[A-Z]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RollValue();

    public static Slate? Read(OcrPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Lines.Count == 0)
        {
            return null;
        }
        var raw = string.Join(" / ", page.Lines.Select(l => l.Text));
        var text = string.Join('\n', page.Lines.Select(l => l.Text));

        var scene = InlineScene().Match(text) is { Success: true } s ? s.Groups["v"].Value : Below(page, ["SCENE", "SCN", "SC"], SceneValue());
        var take = InlineTake().Match(text) is { Success: true } t ? t.Groups["v"].Value : Below(page, ["TAKE", "TK"], TakeValue());
        if (scene is null || take is null)
        {
            return null;
        }
        var roll = InlineRoll().Match(text) is { Success: true } r ? r.Groups["v"].Value : Below(page, ["ROLL", "RL"], RollValue());
        return new Slate(Normalise(scene), Normalise(take), roll?.ToUpperInvariant(), raw);
    }

    /// <summary>The value written under a heading: the nearest word below it that overlaps it
    /// horizontally and looks like a value.</summary>
    private static string? Below(OcrPage page, string[] headings, Regex value)
    {
        var heading = page.Words.FirstOrDefault(w => headings.Contains(w.Text.TrimEnd('.', ':'), StringComparer.OrdinalIgnoreCase));
        if (heading is null)
        {
            return null;
        }
        return page.Words
            .Where(w => w.Top > heading.Top + (heading.Height / 2) && w.Top < heading.Bottom + (heading.Height * 6))
            .Where(w => w.Left < heading.Right + heading.Height && w.Right > heading.Left - heading.Height)
            .Where(w => value.IsMatch(w.Text))
            .OrderBy(w => w.Top - heading.Bottom)
            .ThenBy(w => Math.Abs(w.CenterX - heading.CenterX))
            .Select(w => w.Text)
            .FirstOrDefault();
    }

    /// <summary>"012" → "12", "4a" → "4A": the way a script supervisor writes it in the report.</summary>
    private static string Normalise(string value)
    {
        var digits = new string(value.TakeWhile(char.IsAsciiDigit).ToArray());
        var suffix = value[digits.Length..].ToUpperInvariant();
        var number = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return number.ToString(CultureInfo.InvariantCulture) + suffix;
    }
}
