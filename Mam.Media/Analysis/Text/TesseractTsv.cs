using System.Globalization;

namespace Mam.Media.Analysis.Text;

/// <summary>Reads tesseract's TSV output (level, page, block, par, line, word, left, top, width, height,
/// conf, text) into lines of confident words. Sparse-text mode (--psm 11) finds text anywhere in a
/// picture, and with it the picture's texture as letters; those guesses score low, are mostly one
/// character or punctuation, and are dropped here.</summary>
public static class TesseractTsv
{
    private const int WordLevel = 5;

    public static OcrPage Parse(string tsv, double minConfidence)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var lines = new List<(string Key, List<OcrWord> Words)>();
        foreach (var row in tsv.Split('\n'))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length < 12 || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level != WordLevel)
            {
                continue;
            }
            if (!double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) || confidence < minConfidence)
            {
                continue;
            }
            var text = cells[11].Trim();
            if (!IsWord(text))
            {
                continue;
            }
            var word = new OcrWord(text, confidence, Int(cells[6]), Int(cells[7]), Int(cells[8]), Int(cells[9]));
            var key = string.Join('/', cells[1], cells[2], cells[3], cells[4]);
            if (lines.Count == 0 || lines[^1].Key != key)
            {
                lines.Add((key, []));
            }
            lines[^1].Words.Add(word);
        }

        return new OcrPage(lines
            .Where(l => l.Words.Any(w => w.Text.Length >= 2))
            .Select(l => new OcrLine(l.Words))
            .OrderBy(l => l.Words.Min(w => w.Top)).ThenBy(l => l.Words.Min(w => w.Left))
            .ToList());
    }

    /// <summary>A word worth keeping: two or more characters with a letter or digit among them, or a
    /// single digit (a take number: "TAKE 3").</summary>
    private static bool IsWord(string text)
    {
        if (text.Length == 0 || !text.Any(char.IsLetterOrDigit))
        {
            return false;
        }
        return text.Length >= 2 || char.IsAsciiDigit(text[0]);
    }

    private static int Int(string cell) =>
        int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
