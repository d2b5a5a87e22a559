using System.Globalization;
using System.Text.RegularExpressions;
using Mam.Catalog.Model;
using Mam.Catalog.Entities.Review;

namespace Mam.Api.Review;

/// <summary>Where a comment sits and what it draws, checked before anything is stored: each rule
/// answers with a sentence a reviewer can act on.</summary>
public static partial class CommentRules
{
    /// <summary>The frames a request names, or why it cannot be placed.</summary>
    public static (long In, long Out)? Place(CommentRequest request, CommentClock clock, (long In, long Out)? thread, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        problem = null;
        var byFrame = request.Frame is not null || request.OutFrame is not null;
        var byTimecode = !string.IsNullOrWhiteSpace(request.TimecodeIn) || !string.IsNullOrWhiteSpace(request.TimecodeOut);
        if (byFrame && byTimecode)
        {
            problem = "Say where with frames (frame, outFrame) or with timecodes (timecodeIn, timecodeOut), not both.";
            return null;
        }
        long first, last;
        if (byTimecode)
        {
            if (!clock.Markers.TryFrameOf(request.TimecodeIn, out first))
            {
                problem = $"timecodeIn '{request.TimecodeIn}' is not a timecode of {clock.ClipName} (HH:MM:SS:FF at {clock.Rate} fps).";
                return null;
            }
            last = first;
            if (!string.IsNullOrWhiteSpace(request.TimecodeOut) && !clock.Markers.TryFrameOf(request.TimecodeOut, out last))
            {
                problem = $"timecodeOut '{request.TimecodeOut}' is not a timecode of {clock.ClipName} (HH:MM:SS:FF at {clock.Rate} fps).";
                return null;
            }
        }
        else if (request.Frame is { } frame)
        {
            first = frame;
            last = request.OutFrame ?? frame;
        }
        else if (thread is { } inherited && request.OutFrame is null)
        {
            return inherited;
        }
        else
        {
            problem = "Say where the comment goes: frame (and outFrame for a range), or timecodeIn (and timecodeOut).";
            return null;
        }
        if (last < first)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"The range is reversed: its out point, frame {last} ({Label(clock, last)}), comes before its in point, frame {first} ({Label(clock, first)}). Swap them.");
            return null;
        }
        if (first < 0)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"Frame {first} is before the clip's first frame: {clock.ClipName} has {clock.Extent}.");
            return null;
        }
        if (clock.Frames is { } frames && last >= frames)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"Frame {last} ({clock.Label(last)}) is past the end of {clock.ClipName}: it has {clock.Extent}.");
            return null;
        }
        return (first, last);
    }

    private static string Label(CommentClock clock, long frame) => frame < 0 ? "before the clip" : clock.Label(frame);

    /// <summary>The text as stored, or why not (empty with no drawing, too long).</summary>
    public static string? Text(string? text, bool hasDrawing, out string? problem)
    {
        problem = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0 && !hasDrawing)
        {
            problem = "A comment needs text or a drawing.";
            return null;
        }
        if (trimmed.Length > ReviewLimits.Text)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"A comment may be at most {ReviewLimits.Text:N0} characters; this one has {trimmed.Length:N0}.");
            return null;
        }
        return trimmed;
    }

    /// <summary>The drawing as stored, or the first thing wrong with it.</summary>
    public static List<DrawingShape>? Drawing(IReadOnlyList<ShapeRequest>? shapes, out string? problem)
    {
        problem = null;
        if (shapes is null || shapes.Count == 0)
        {
            return [];
        }
        if (shapes.Count > ReviewLimits.Shapes)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"A drawing may have at most {ReviewLimits.Shapes} shapes; this one has {shapes.Count}.");
            return null;
        }
        var total = shapes.Sum(s => (long)(s?.Points?.Count ?? 0));
        if (total > ReviewLimits.DrawingPoints)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"A drawing may have at most {ReviewLimits.DrawingPoints:N0} points in all; this one has {total:N0}. Draw with fewer strokes, or simplify the freehand line.");
            return null;
        }
        var drawing = new List<DrawingShape>();
        for (var i = 0; i < shapes.Count; i++)
        {
            var shape = shapes[i];
            var which = string.Create(CultureInfo.InvariantCulture, $"Shape {i + 1}");
            if (shape is null || !Enum.TryParse<ShapeKind>(shape.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(shape.Kind, out _))
            {
                problem = $"{which}: kind must be arrow, rectangle, line or freehand.";
                return null;
            }
            var points = shape.Points ?? [];
            if (kind is ShapeKind.Freehand ? points.Count < 2 : points.Count != 2)
            {
                problem = kind is ShapeKind.Freehand
                    ? $"{which}: a freehand line needs at least 2 points."
                    : $"{which}: a{(kind is ShapeKind.Arrow ? "n" : "")} {kind.ToString().ToLowerInvariant()} needs exactly 2 points ({(kind is ShapeKind.Rectangle ? "opposite corners" : "from, to")}).";
                return null;
            }
            for (var p = 0; p < points.Count; p++)
            {
                if (points[p] is not { Length: 2 } xy || !double.IsFinite(xy[0]) || !double.IsFinite(xy[1]) || xy[0] is < 0 or > 1 || xy[1] is < 0 or > 1)
                {
                    problem = string.Create(CultureInfo.InvariantCulture,
                        $"{which}, point {p + 1}: points are [x, y] from 0 to 1 of the picture's width and height (0, 0 is the top left), got {Describe(points[p])}.");
                    return null;
                }
            }
            var color = shape.Color?.Trim() ?? "#ff3b30";
            if (!HexColor().IsMatch(color))
            {
                problem = $"{which}: color must be #rrggbb.";
                return null;
            }
            drawing.Add(new DrawingShape { Kind = kind, Points = points.Select(xy => new[] { xy[0], xy[1] }).ToList(), Color = color.ToLowerInvariant() });
        }
        return drawing;
    }

    /// <summary>@name, @first.last, @dana-k: the people a comment calls on (lower case, without the @).</summary>
    public static List<string> Mentions(string text) =>
        Mention().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.', '-').ToLowerInvariant()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static string Describe(double[]? point) => point is null
        ? "nothing"
        : "[" + string.Join(", ", point.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))) + "]";

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();

    [GeneratedRegex(@"(?<![\w@])@([\p{L}\p{N}][\p{L}\p{N}._-]*)")]
    private static partial Regex Mention();
}
