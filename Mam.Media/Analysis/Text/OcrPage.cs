namespace Mam.Media.Analysis.Text;

/// <summary>A word tesseract read, where it sits in the picture (pixels) and how sure it is (0–100).</summary>
public sealed record OcrWord(string Text, double Confidence, int Left, int Top, int Width, int Height)
{
    public int Right => Left + Width;

    public int Bottom => Top + Height;

    public double CenterX => Left + (Width / 2.0);
}

/// <summary>A line of words as tesseract grouped them.</summary>
public sealed record OcrLine(IReadOnlyList<OcrWord> Words)
{
    public string Text => string.Join(' ', Words.Select(w => w.Text));

    public double Confidence => Words.Count == 0 ? 0 : Words.Average(w => w.Confidence);
}

/// <summary>The text of one frame, top to bottom.</summary>
public sealed record OcrPage(IReadOnlyList<OcrLine> Lines)
{
    public static OcrPage Empty { get; } = new([]);

    public IEnumerable<OcrWord> Words => Lines.SelectMany(l => l.Words);
}
