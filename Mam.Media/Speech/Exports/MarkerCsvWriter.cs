using System.Globalization;
using System.Text;

namespace Mam.Media.Speech.Exports;

/// <summary>The phrase markers as a spreadsheet (RFC 4180 CSV, UTF-8, header row): Name, Start TC,
/// End TC, Duration, Comment, Color, Confidence — the columns of Resolve's and Avid's marker lists, for
/// producers, script supervisors and marker-import scripts. Times are the clip's own timecode; End TC
/// is the phrase's last frame (inclusive, as NLEs show out points and as the transcript shows it), so
/// Duration = End TC − Start TC + 1 frame.</summary>
public static class MarkerCsvWriter
{
    public static readonly string[] Columns = ["Name", "Start TC", "End TC", "Duration", "Comment", "Color", "Confidence"];

    public static string Write(IEnumerable<PhraseMarker> markers, MarkerClock clock)
    {
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(clock);
        var csv = new StringBuilder();
        AppendRow(csv, Columns);
        foreach (var marker in markers)
        {
            AppendRow(csv,
            [
                marker.ShortName(),
                clock.Label(marker.In),
                clock.Label(marker.LastFrame),
                clock.Duration(marker.Frames),
                marker.Text,
                marker.Color.ToString(),
                marker.Confidence is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "",
            ]);
        }
        return csv.ToString();
    }

    private static void AppendRow(StringBuilder csv, string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            csv.Append(Cell(cells[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>Quoted when it holds a comma, quote or line break. A cell a spreadsheet would run as a
    /// formula (=, +, -, @ first) gets a leading apostrophe (OWASP "CSV injection").</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !IsTimecodeOrNumber(value))
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static bool IsTimecodeOrNumber(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
