using System.Globalization;
using System.Text;
using System.Xml;
using Mam.Media.Speech.Exports;

namespace Mam.Media.Markers;

/// <summary>Final Cut Pro XML (FCPXML 1.10): the clip as a browser clip in an event, its markers on it.
/// Times are rational seconds of the clip's source time (its start timecode onwards), frame-aligned
/// (<c>frames × denominator / numerator s</c>), so 29.97 clips land on whole frames. The author goes in
/// the marker's note; each marker is a to-do marker, completed when green (a resolved comment). Written with XmlWriter: text is escaped, never spliced.</summary>
public static class FcpxmlMarkerWriter
{
    public static string Write(string clipName, IEnumerable<PhraseMarker> markers, MarkerClock clock, long clipFrames)
    {
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(clock);
        var list = markers.ToList();
        var frames = Math.Max(clipFrames, list.Count == 0 ? 1 : list.Max(m => m.Out));
        // Through bytes, so the declaration says UTF-8 (a StringWriter would make it say UTF-16).
        using var bytes = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(bytes, settings))
        {
            xml.WriteStartDocument();
            xml.WriteDocType("fcpxml", null, null, null);
            xml.WriteStartElement("fcpxml");
            xml.WriteAttributeString("version", "1.10");
            xml.WriteStartElement("resources");
            xml.WriteStartElement("format");
            xml.WriteAttributeString("id", "r1");
            xml.WriteAttributeString("frameDuration", Seconds(clock, 1));
            xml.WriteEndElement();
            xml.WriteStartElement("asset");
            xml.WriteAttributeString("id", "r2");
            xml.WriteAttributeString("name", clipName);
            xml.WriteAttributeString("start", Seconds(clock, clock.StartFrame));
            xml.WriteAttributeString("duration", Seconds(clock, frames));
            xml.WriteAttributeString("hasVideo", "1");
            xml.WriteAttributeString("format", "r1");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("library");
            xml.WriteStartElement("event");
            xml.WriteAttributeString("name", "MAM review");
            xml.WriteStartElement("asset-clip");
            xml.WriteAttributeString("ref", "r2");
            xml.WriteAttributeString("name", clipName);
            xml.WriteAttributeString("start", Seconds(clock, clock.StartFrame));
            xml.WriteAttributeString("duration", Seconds(clock, frames));
            xml.WriteAttributeString("format", "r1");
            xml.WriteAttributeString("tcFormat", clock.DropFrame ? "DF" : "NDF");
            foreach (var marker in list)
            {
                xml.WriteStartElement("marker");
                xml.WriteAttributeString("start", Seconds(clock, clock.StartFrame + marker.In));
                xml.WriteAttributeString("duration", Seconds(clock, marker.Frames));
                xml.WriteAttributeString("value", marker.Text);
                // A to-do marker: completed once the note is dealt with (green), open otherwise.
                xml.WriteAttributeString("completed", marker.Color == MarkerColor.Green ? "1" : "0");
                if (marker.Author is { Length: > 0 } author)
                {
                    xml.WriteAttributeString("note", NotePrefix + author);
                }
                xml.WriteEndElement();
            }
            xml.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>How the note names the author, so an import can tell it from a note someone typed.</summary>
    public const string NotePrefix = "by ";

    private static string Seconds(MarkerClock clock, long frames) => frames == 0
        ? "0s"
        : string.Create(CultureInfo.InvariantCulture, $"{frames * clock.Rate.Denominator}/{clock.Rate.Numerator}s");
}
