using System.Text;
using Mam.Media.Analysis.Sampling;
using Mam.Media.Analysis.Shots;

namespace Mam.Media.Analysis.Text;

/// <summary>Collects the text read in each sampled frame into Text tags (one per line of text, over the
/// time it stays on screen) and Slate tags. OCR reads the same super a little differently from frame to
/// frame ("GRACE HOPPER", "GRACE HOPPFR"), so a line that is nearly the same as one in the previous
/// sample continues that run.</summary>
public sealed class TextFindings
{
    private const double SameTextSimilarity = 0.8;

    private readonly SampleRuns _text;
    private readonly SampleRuns _slates;

    public TextFindings(IReadOnlyList<FrameSample> samples, IReadOnlyList<Shot> shots)
    {
        _text = new SampleRuns(samples, shots);
        _slates = new SampleRuns(samples, shots);
    }

    public void Add(FrameSample sample, OcrPage page)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(page);
        var previous = sample.Index > 0 ? _text.KeysSeenIn(sample.Index - 1).ToList() : [];
        foreach (var line in page.Lines)
        {
            var key = Key(line.Text);
            if (key.Length < 2)
            {
                continue;
            }
            var similar = previous.FirstOrDefault(p => p == key) ?? previous.FirstOrDefault(p => Similarity(p, key) >= SameTextSimilarity);
            _text.Add(sample.Index, similar ?? key, line.Text, line.Confidence / 100);
        }

        if (SlateReader.Read(page) is { } slate)
        {
            var confidence = page.Words.Average(w => w.Confidence) / 100;
            _slates.Add(sample.Index, slate.Label, slate.Label, confidence, detail: slate.Detail);
        }
    }

    public IReadOnlyList<ClipFinding> Findings() =>
        [.. _slates.Findings(FindingKind.Slate, TesseractReader.Source), .. _text.Findings(FindingKind.Text, TesseractReader.Source)];

    /// <summary>Upper-case letters and digits, words separated by one space: what stays the same when
    /// OCR varies punctuation and spacing.</summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToUpperInvariant(c));
            }
            else if (key.Length > 0 && key[^1] != ' ')
            {
                key.Append(' ');
            }
        }
        return key.ToString().TrimEnd();
    }

    /// <summary>1 − edit distance / longer length.</summary>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0)
        {
            return 1;
        }
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return 1 - ((double)row[b.Length] / longer);
    }
}
