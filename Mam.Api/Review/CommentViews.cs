using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mam.Catalog.Entities.Review;

namespace Mam.Api.Review;

public static class CommentViews
{
    public static string Url(Guid assetId, Guid commentId) => $"/api/assets/{assetId}/comments/{commentId}";

    public static CommentView View(Comment c, CommentClock clock)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(clock);
        return new CommentView(c.Id, c.AssetId, c.ParentId, c.Author, c.Text, c.InFrame, c.OutFrame,
            string.Create(CultureInfo.InvariantCulture, $"{c.RateNumerator}/{c.RateDenominator}"),
            clock.Label(c.InFrame), clock.Label(c.OutFrame), clock.Seconds(c.InFrame), clock.Seconds(c.OutFrame + 1),
            c.Status.ToString().ToLowerInvariant(), c.ResolvedBy, c.ResolvedAt, c.Mentions,
            c.Drawing.Select(s => new ShapeView(s.Kind.ToString().ToLowerInvariant(), s.Points, s.Color)).ToList(),
            c.CreatedAt, c.UpdatedAt, Url(c.AssetId, c.Id));
    }

    /// <summary>The clip's comments as a W3C Web Annotation collection (https://www.w3.org/TR/annotation-model/):
    /// each comment an Annotation whose target is the clip's proxy with a media-fragment selector
    /// (<c>t=start,end</c> in seconds, end exclusive), refined by an SVG selector for its drawing; a reply
    /// targets the annotation it answers (motivation "replying"); a resolved comment carries a
    /// "resolved" tag body. Text bodies are text/plain: nothing in them is markup.</summary>
    public static JsonObject Annotations(Guid assetId, IReadOnlyList<Comment> comments, CommentClock clock, string origin)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var items = new JsonArray();
        foreach (var comment in comments)
        {
            items.Add(Annotation(comment, clock, origin));
        }
        return new JsonObject
        {
            ["@context"] = "http://www.w3.org/ns/anno.jsonld",
            ["id"] = $"{origin}/api/assets/{assetId}/comments",
            ["type"] = "AnnotationCollection",
            ["label"] = $"Comments on {clock.ClipName}",
            ["total"] = comments.Count,
            ["first"] = new JsonObject
            {
                ["id"] = $"{origin}/api/assets/{assetId}/comments#page1",
                ["type"] = "AnnotationPage",
                ["startIndex"] = 0,
                ["items"] = items,
            },
        };
    }

    private static JsonObject Annotation(Comment c, CommentClock clock, string origin)
    {
        var bodies = new JsonArray();
        if (c.Text.Length > 0)
        {
            bodies.Add(new JsonObject { ["type"] = "TextualBody", ["value"] = c.Text, ["format"] = "text/plain", ["purpose"] = c.ParentId is null ? "commenting" : "replying" });
        }
        if (c.Status == CommentStatus.Resolved)
        {
            bodies.Add(new JsonObject { ["type"] = "TextualBody", ["value"] = "resolved", ["purpose"] = "tagging" });
        }
        JsonNode target;
        if (c.ParentId is { } parent)
        {
            target = $"{origin}{Url(c.AssetId, parent)}";
        }
        else
        {
            var selector = new JsonObject
            {
                ["type"] = "FragmentSelector",
                ["conformsTo"] = "http://www.w3.org/TR/media-frags/",
                ["value"] = string.Create(CultureInfo.InvariantCulture, $"t={Seconds(clock.Seconds(c.InFrame))},{Seconds(clock.Seconds(c.OutFrame + 1))}"),
            };
            if (c.Drawing.Count > 0)
            {
                selector["refinedBy"] = new JsonObject { ["type"] = "SvgSelector", ["value"] = Svg(c.Drawing) };
            }
            target = new JsonObject
            {
                ["source"] = $"{origin}/api/assets/{c.AssetId}/proxy",
                ["type"] = "Video",
                ["selector"] = selector,
            };
        }
        return new JsonObject
        {
            ["id"] = $"{origin}{Url(c.AssetId, c.Id)}",
            ["type"] = "Annotation",
            ["motivation"] = c.ParentId is null ? "commenting" : "replying",
            ["created"] = Utc(c.CreatedAt),
            ["modified"] = Utc(c.UpdatedAt),
            ["creator"] = new JsonObject { ["type"] = "Person", ["name"] = c.Author },
            ["body"] = bodies,
            ["target"] = target,
        };
    }

    /// <summary>The drawing in a unit viewBox stretched over the frame, as the player draws it.</summary>
    public static string Svg(IEnumerable<DrawingShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\" preserveAspectRatio=\"none\">");
        foreach (var s in shapes)
        {
            var stroke = $" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"0.004\"";
            var (a, b) = (s.Points[0], s.Points[^1]);
            svg.Append(s.Kind switch
            {
                ShapeKind.Rectangle => string.Create(CultureInfo.InvariantCulture,
                    $"<rect x=\"{N(Math.Min(a[0], b[0]))}\" y=\"{N(Math.Min(a[1], b[1]))}\" width=\"{N(Math.Abs(b[0] - a[0]))}\" height=\"{N(Math.Abs(b[1] - a[1]))}\"{stroke}/>"),
                ShapeKind.Freehand => $"<polyline points=\"{string.Join(' ', s.Points.Select(p => $"{N(p[0])},{N(p[1])}"))}\"{stroke}/>",
                _ => string.Create(CultureInfo.InvariantCulture,
                    $"<line class=\"{s.Kind.ToString().ToLowerInvariant()}\" x1=\"{N(a[0])}\" y1=\"{N(a[1])}\" x2=\"{N(b[0])}\" y2=\"{N(b[1])}\"{stroke}/>"),
            });
        }
        return svg.Append("</svg>").ToString();
    }

    private static string N(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
