using System.Text.Json;
using System.Text.Json.Nodes;
using Mam.Media.Speech.Exports;

namespace Mam.Media.Markers;

/// <summary>OpenTimelineIO (JSON, .otio): a timeline of one track holding the clip, its markers on the
/// clip (Marker.2: name, comment, colour, marked range). Times are the clip's source time, the frame
/// count from 00:00:00:00 of its start timecode at its rate, which is how OTIO's adapters carry a
/// camera clip's timecode; the MAM's author and status ride in the marker's metadata under "mam".</summary>
public static class OtioMarkerWriter
{
    public static string Write(string clipName, IEnumerable<PhraseMarker> markers, MarkerClock clock, long clipFrames, IReadOnlyDictionary<int, string>? statuses = null)
    {
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(clock);
        var list = markers.ToList();
        var frames = Math.Max(clipFrames, list.Count == 0 ? 1 : list.Max(m => m.Out));
        var otioMarkers = new JsonArray();
        foreach (var marker in list)
        {
            var mam = new JsonObject { ["number"] = marker.Number };
            if (marker.Author is { } author)
            {
                mam["author"] = author;
            }
            if (statuses?.GetValueOrDefault(marker.Number) is { } status)
            {
                mam["status"] = status;
            }
            otioMarkers.Add(new JsonObject
            {
                ["OTIO_SCHEMA"] = "Marker.2",
                ["metadata"] = new JsonObject { ["mam"] = mam },
                ["name"] = marker.ShortName(),
                ["color"] = marker.Color.ToString().ToUpperInvariant(),
                ["comment"] = marker.Text,
                ["marked_range"] = Range(clock, clock.StartFrame + marker.In, marker.Frames),
            });
        }
        var clip = new JsonObject
        {
            ["OTIO_SCHEMA"] = "Clip.1",
            ["metadata"] = new JsonObject(),
            ["name"] = clipName,
            ["source_range"] = Range(clock, clock.StartFrame, frames),
            ["effects"] = new JsonArray(),
            ["markers"] = otioMarkers,
            ["media_reference"] = new JsonObject
            {
                ["OTIO_SCHEMA"] = "MissingReference.1",
                ["metadata"] = new JsonObject(),
                ["name"] = clipName,
                ["available_range"] = Range(clock, clock.StartFrame, frames),
            },
        };
        var timeline = new JsonObject
        {
            ["OTIO_SCHEMA"] = "Timeline.1",
            ["metadata"] = new JsonObject(),
            ["name"] = clipName,
            ["global_start_time"] = null,
            ["tracks"] = new JsonObject
            {
                ["OTIO_SCHEMA"] = "Stack.1",
                ["metadata"] = new JsonObject(),
                ["name"] = "tracks",
                ["source_range"] = null,
                ["effects"] = new JsonArray(),
                ["markers"] = new JsonArray(),
                ["children"] = new JsonArray(new JsonObject
                {
                    ["OTIO_SCHEMA"] = "Track.1",
                    ["metadata"] = new JsonObject(),
                    ["name"] = "V1",
                    ["source_range"] = null,
                    ["effects"] = new JsonArray(),
                    ["markers"] = new JsonArray(),
                    ["kind"] = "Video",
                    ["children"] = new JsonArray(clip),
                }),
            },
        };
        return timeline.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Range(MarkerClock clock, long start, long duration) => new()
    {
        ["OTIO_SCHEMA"] = "TimeRange.1",
        ["start_time"] = Time(clock, start),
        ["duration"] = Time(clock, duration),
    };

    /// <summary>OTIO's rate is a float; 30000/1001 is written as 29.97002997…, as OTIO itself writes it.</summary>
    private static JsonObject Time(MarkerClock clock, long frames) => new()
    {
        ["OTIO_SCHEMA"] = "RationalTime.1",
        ["rate"] = (double)clock.Rate.Numerator / clock.Rate.Denominator,
        ["value"] = (double)frames,
    };
}
