using System.Globalization;
using System.Text;

namespace Mam.Search.Words;

/// <summary>Where the words of a text are: runs of letters, digits and private-use characters (the
/// token characters of FTS5's unicode61 tokenizer and, near enough, of Elasticsearch's standard one),
/// plus combining marks so a decomposed "é" stays inside its word. Word times are stored per span and
/// an engine's highlight is mapped back onto spans by character overlap, so only this class needs to
/// agree with itself; the engines' own boundaries may differ a little ("don't" is one token in
/// Elasticsearch and two here: a mark over it covers both).</summary>
internal static class WordSpans
{
    public static List<WordSpan> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<WordSpan>();
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            var width = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done
                ? consumed
                : 1;
            var inWord = IsWordCharacter(rune) || (start >= 0 && Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                spans.Add(new WordSpan(start, i));
                start = -1;
            }

            i += width;
        }

        if (start >= 0)
        {
            spans.Add(new WordSpan(start, text.Length));
        }

        return spans;
    }

    /// <summary>Letters, numbers and private use: what the tokenizers keep as parts of words.</summary>
    public static bool IsWordCharacter(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.PrivateUse => true,
        _ => false,
    };
}

/// <summary>A word's characters: [<see cref="Start"/>, <see cref="End"/>).</summary>
internal readonly record struct WordSpan(int Start, int End);
