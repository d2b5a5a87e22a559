using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Mam.Media.Speech.Exports;

namespace Mam.Media.Markers;

/// <summary>The marker formats editors exchange, as the MAM writes them and NLEs export them.</summary>
public enum MarkerFormat
{
    Csv,
    Edl,
    Avid,
    Fcpxml,
    Otio,
}

/// <summary>One marker read back: frames from the clip's first frame, the last one inclusive.</summary>
public sealed record ImportedMarker(long In, long LastFrame, string Text, string? Author, MarkerColor? Color);

/// <summary>A marker file that cannot be read, with the line or element that says why.</summary>
public sealed class MarkerImportException(string message) : Exception(message);

/// <summary>Reads markers from the files editors export (Resolve's marker EDL, Avid's marker text,
/// FCPXML, OpenTimelineIO, the CSV marker list), placing them on a clip's clock. Everything is
/// checked before anything is returned, so a file with one bad marker adds none.</summary>
public static partial class MarkerImport
{
    public static IReadOnlyList<ImportedMarker> Read(MarkerFormat format, string text, MarkerClock clock)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(clock);
        return format switch
        {
            MarkerFormat.Csv => ReadCsv(text, clock),
            MarkerFormat.Edl => ReadEdl(text, clock),
            MarkerFormat.Avid => ReadAvid(text, clock),
            MarkerFormat.Fcpxml => ReadFcpxml(text, clock),
            MarkerFormat.Otio => ReadOtio(text, clock),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    private static List<ImportedMarker> ReadCsv(string text, MarkerClock clock)
    {
        var rows = CsvRows(text).ToList();
        if (rows.Count == 0)
        {
            return [];
        }
        var header = rows[0].Select(h => h.Trim()).ToList();
        int Column(string name) => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var (start, end, duration, comment, name, color) = (Column("Start TC"), Column("End TC"), Column("Duration"), Column("Comment"), Column("Name"), Column("Color"));
        if (start < 0 || (comment < 0 && name < 0))
        {
            throw new MarkerImportException("The CSV needs a header row with \"Start TC\" and \"Comment\" (or \"Name\") columns, as the MAM and Resolve write them.");
        }
        var markers = new List<ImportedMarker>();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            string Cell(int i) => i >= 0 && i < row.Count ? row[i] : "";
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var where = $"row {r + 1}";
            var first = Frame(clock, Cell(start), where);
            var last = end >= 0 && Cell(end).Length > 0 ? Frame(clock, Cell(end), where)
                : duration >= 0 && clock.TryFrameOf(Cell(duration), out var frames) ? first + frames + clock.StartFrame - 1
                : first;
            var words = Unguarded(comment >= 0 && Cell(comment).Length > 0 ? Cell(comment) : Cell(name));
            markers.Add(new ImportedMarker(first, last, words, null, ColorNamed(Cell(color))));
        }
        return markers;
    }

    private static List<ImportedMarker> ReadEdl(string text, MarkerClock clock)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var markers = new List<ImportedMarker>();
        for (var i = 0; i < lines.Length; i++)
        {
            var evt = EdlEvent().Match(lines[i]);
            if (!evt.Success)
            {
                continue;
            }
            var where = $"line {i + 1}";
            var first = Frame(clock, evt.Groups["in"].Value, where);
            var outExclusive = Frame(clock, evt.Groups["out"].Value, where);
            var tags = i + 1 < lines.Length ? ResolveMarker().Match(lines[i + 1]) : Match.Empty;
            if (!tags.Success)
            {
                throw new MarkerImportException($"Line {i + 2} should be the event's Resolve marker (|C:… |M:… |D:…), as Resolve writes it with Export > Timeline Markers to EDL.");
            }
            var last = tags.Groups["d"].Success && long.TryParse(tags.Groups["d"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0
                ? first + d - 1
                : Math.Max(first, outExclusive - 1);
            var note = tags.Groups["note"].Value.Trim();
            var name = tags.Groups["m"].Value.Trim();
            markers.Add(new ImportedMarker(first, last, name.Length > 0 ? name : note, null, ColorNamed(tags.Groups["c"].Value.Replace("ResolveColor", "", StringComparison.Ordinal))));
            i++;
        }
        return markers;
    }

    private static List<ImportedMarker> ReadAvid(string text, MarkerClock clock)
    {
        var markers = new List<ImportedMarker>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            var fields = lines[i].Split('\t');
            if (fields.Length < 5)
            {
                throw new MarkerImportException($"Line {i + 1} is not an Avid marker (user, timecode, track, colour, comment, duration, separated by tabs).");
            }
            var first = Frame(clock, fields[1], $"line {i + 1}");
            var frames = fields.Length > 5 && long.TryParse(fields[5].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
            var user = fields[0].Trim();
            markers.Add(new ImportedMarker(first, first + frames - 1, fields[4].Trim(), user.Length == 0 || user == AvidMarkerWriter.User ? null : user, ColorNamed(fields[3])));
        }
        return markers;
    }

    private static List<ImportedMarker> ReadFcpxml(string text, MarkerClock clock)
    {
        XDocument document;
        try
        {
            // No DTD processing: the DOCTYPE line FCP writes is allowed, its entities are not followed.
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new MarkerImportException($"The FCPXML is not well-formed XML: {ex.Message}");
        }
        var markers = new List<ImportedMarker>();
        foreach (var marker in document.Descendants().Where(e => e.Name.LocalName is "marker" or "chapter-marker"))
        {
            var start = RationalFrames(clock, (string?)marker.Attribute("start"), "a marker's start");
            var frames = Math.Max(1, RationalFrames(clock, (string?)marker.Attribute("duration") ?? "0s", "a marker's duration"));
            var note = ((string?)marker.Attribute("note"))?.Trim();
            var author = note is not null && note.StartsWith(FcpxmlMarkerWriter.NotePrefix, StringComparison.Ordinal) ? note[FcpxmlMarkerWriter.NotePrefix.Length..] : null;
            var value = ((string?)marker.Attribute("value") ?? "").Trim();
            var first = start - clock.StartFrame;
            var completed = (string?)marker.Attribute("completed");
            markers.Add(new ImportedMarker(first, first + frames - 1, value.Length > 0 ? value : note ?? "", author,
                completed == "1" ? MarkerColor.Green : completed == "0" ? MarkerColor.Red : null));
        }
        return markers;
    }

    private static List<ImportedMarker> ReadOtio(string text, MarkerClock clock)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new MarkerImportException($"The OpenTimelineIO file is not JSON: {ex.Message}");
        }
        using (document)
        {
            var markers = new List<ImportedMarker>();
            Walk(document.RootElement, markers, clock);
            return markers;
        }
    }

    private static void Walk(JsonElement element, List<ImportedMarker> markers, MarkerClock clock)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, markers, clock);
            }
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (element.TryGetProperty("OTIO_SCHEMA", out var schema) && schema.GetString()?.StartsWith("Marker.", StringComparison.Ordinal) == true)
        {
            markers.Add(OtioMarker(element, clock));
            return;
        }
        foreach (var property in element.EnumerateObject())
        {
            Walk(property.Value, markers, clock);
        }
    }

    /// <summary>OTIO markers on a clip are in its source time: the frames from 00:00:00:00 of its start
    /// timecode, at the marker's own rate (converted to the clip's).</summary>
    private static ImportedMarker OtioMarker(JsonElement marker, MarkerClock clock)
    {
        if (!marker.TryGetProperty("marked_range", out var range) || !range.TryGetProperty("start_time", out var start))
        {
            throw new MarkerImportException("An OpenTimelineIO marker has no marked_range.start_time.");
        }
        var first = OtioFrames(start, clock) - clock.StartFrame;
        var frames = range.TryGetProperty("duration", out var duration) ? Math.Max(1, OtioFrames(duration, clock)) : 1;
        var comment = marker.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()!.Trim() : "";
        var name = marker.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
        string? author = null;
        if (marker.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("mam", out var mam) && mam.ValueKind == JsonValueKind.Object
            && mam.TryGetProperty("author", out var a) && a.ValueKind == JsonValueKind.String)
        {
            author = a.GetString();
        }
        var color = marker.TryGetProperty("color", out var colour) && colour.ValueKind == JsonValueKind.String ? ColorNamed(colour.GetString()!) : null;
        return new ImportedMarker(first, first + frames - 1, comment.Length > 0 ? comment : name, author, color);
    }

    private static long OtioFrames(JsonElement time, MarkerClock clock)
    {
        if (!time.TryGetProperty("value", out var value) || !value.TryGetDouble(out var v) || !time.TryGetProperty("rate", out var rate) || !rate.TryGetDouble(out var r) || r <= 0 || !double.IsFinite(v))
        {
            throw new MarkerImportException("An OpenTimelineIO time needs a numeric value and a positive rate.");
        }
        return (long)Math.Round(v / r * clock.Rate.Numerator / clock.Rate.Denominator);
    }

    private static long Frame(MarkerClock clock, string label, string where) =>
        clock.TryFrameOf(label, out var frame)
            ? frame
            : throw new MarkerImportException($"{char.ToUpperInvariant(where[0])}{where[1..]}: '{label.Trim()}' is not a timecode at {clock.Rate.Numerator}/{clock.Rate.Denominator} fps.");

    /// <summary>FCPXML's rational seconds ("3003/30000s", "4s", "0s") as frames of the clip's rate.</summary>
    private static long RationalFrames(MarkerClock clock, string? text, string what)
    {
        var match = text is null ? Match.Empty : Rational().Match(text.Trim());
        if (!match.Success)
        {
            throw new MarkerImportException($"In the FCPXML, {what} '{text}' is not a time like 1001/30000s.");
        }
        var numerator = decimal.Parse(match.Groups["n"].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        var denominator = match.Groups["d"].Success ? decimal.Parse(match.Groups["d"].Value, NumberStyles.Number, CultureInfo.InvariantCulture) : 1m;
        if (denominator == 0)
        {
            throw new MarkerImportException($"In the FCPXML, {what} '{text}' divides by zero.");
        }
        return (long)Math.Round(numerator * clock.Rate.Numerator / (denominator * clock.Rate.Denominator));
    }

    private static MarkerColor? ColorNamed(string? name) =>
        Enum.TryParse<MarkerColor>(name?.Trim(), ignoreCase: true, out var color) && Enum.IsDefined(color) ? color : null;

    /// <summary>The CSV writer puts an apostrophe before text a spreadsheet would run as a formula; it is not part of the note.</summary>
    private static string Unguarded(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' ? cell[1..] : cell;

    /// <summary>RFC 4180: quoted cells may hold commas, quotes ("") and line breaks.</summary>
    private static IEnumerable<List<string>> CsvRows(string text)
    {
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                row.Add(cell.ToString());
                cell.Clear();
                yield return row;
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            yield return row;
        }
    }

    [GeneratedRegex(@"^\d{3,}\s+\S+\s+\S+\s+\S+\s+(?<in>\d\d:\d\d:\d\d[:;]\d\d)\s+(?<out>\d\d:\d\d:\d\d[:;]\d\d)\s+\d\d:\d\d:\d\d[:;]\d\d\s+\d\d:\d\d:\d\d[:;]\d\d\s*$")]
    private static partial Regex EdlEvent();

    [GeneratedRegex(@"^(?<note>[^|]*)\|C:(?<c>\S*)\s+\|M:(?<m>.*?)(\s+\|D:(?<d>\d+))?\s*$")]
    private static partial Regex ResolveMarker();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(/(?<d>\d+))?s$")]
    private static partial Regex Rational();
}
