using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Mam.Api.Review.Approvals.Documents;

/// <summary>Text set down an A4 page and onto new ones as it fills: a label column and a wrapped value
/// column. Words wrap at spaces; a word wider than the column (a hash, a path, the signed text) is cut
/// where it meets the edge, so nothing is ever drawn off the page.</summary>
internal sealed class PdfColumn : IDisposable
{
    private const double Margin = 50;
    private const double LabelWidth = 140;

    private readonly PdfDocument _document;
    private XGraphics _page;
    private double _y;

    public PdfColumn(PdfDocument document)
    {
        _document = document;
        _page = NewPage();
    }

    private double Width => _document.Pages[^1].Width.Point - 2 * Margin;

    private double Bottom => _document.Pages[^1].Height.Point - Margin;

    public void Heading(string text, XFont font)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            Line(line, font, XBrushes.Black, Margin);
        }
        _y += font.Size * 0.6;
    }

    public void Paragraph(string text, XFont font, XBrush? brush = null)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            Line(line, font, brush ?? XBrushes.Black, Margin);
        }
        _y += font.Size * 0.5;
    }

    /// <summary>A label and its value; the value wraps within its column.</summary>
    public void Row(string label, string value, XFont labelFont, XFont valueFont)
    {
        var lines = Wrap(value, valueFont, Width - LabelWidth);
        var height = LineHeight(valueFont);
        if (_y + height > Bottom)
        {
            Break();
        }
        _page.DrawString(label, labelFont, XBrushes.DimGray, new XPoint(Margin, _y + labelFont.Size));
        foreach (var line in lines)
        {
            Line(line, valueFont, XBrushes.Black, Margin + LabelWidth);
        }
        _y += valueFont.Size * 0.4;
    }

    /// <summary>Text without spaces (the signed certificate, a PEM key), cut into lines that fill the width.</summary>
    public void Block(string text, XFont font)
    {
        // Its own lines are kept (a PEM key's), and each is cut to the page's width.
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n').SelectMany(l => Cut(l, font, Width)))
        {
            Line(line, font, XBrushes.Black, Margin);
        }
        _y += font.Size * 0.5;
    }

    private void Line(string text, XFont font, XBrush brush, double x)
    {
        var height = LineHeight(font);
        if (_y + height > Bottom)
        {
            Break();
        }
        _page.DrawString(text, font, brush, new XPoint(x, _y + font.Size));
        _y += height;
    }

    private static double LineHeight(XFont font) => font.Size * 1.35;

    private void Break()
    {
        _page.Dispose();
        _page = NewPage();
    }

    private XGraphics NewPage()
    {
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _y = Margin;
        return XGraphics.FromPdfPage(page);
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (_page.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
                var pieces = Cut(word, font, width);
                lines.AddRange(pieces.Take(pieces.Count - 1));
                line = pieces[^1];
            }
            lines.Add(line);
        }
        return lines;
    }

    private List<string> Cut(string text, XFont font, double width)
    {
        var pieces = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var length = 1;
            while (start + length < text.Length && _page.MeasureString(text.Substring(start, length + 1), font).Width <= width)
            {
                length++;
            }
            // A cut line never ends in a dash (JWS and base64url have many): readers, and pdftotext,
            // take a dash at a line's end for a hyphenated word and drop it when the text is copied.
            while (length > 1 && start + length < text.Length && text[start + length - 1] == '-')
            {
                length--;
            }
            pieces.Add(text.Substring(start, length));
            start += length;
        }
        if (pieces.Count == 0)
        {
            pieces.Add("");
        }
        return pieces;
    }

    public void Dispose() => _page.Dispose();
}
