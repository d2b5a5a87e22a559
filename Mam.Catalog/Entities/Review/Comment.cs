namespace Mam.Catalog.Entities.Review;

public enum CommentStatus
{
    Open,
    Resolved,
}

/// <summary>A reviewer's note on a frame or a range of one clip (the version it was made on), with an
/// optional drawing over the frame. Times are whole frames from the clip's first frame, with the
/// clip's rational frame rate kept beside them, so a note lands on the same frame in every editing
/// system whatever the rate (29.97 is 30000/1001, never 29.97 seconds rounded).</summary>
public sealed class Comment
{
    public Guid Id { get; set; }
    public Guid AssetId { get; set; }

    /// <summary>The comment this one answers; replies share their parent's frames.</summary>
    public Guid? ParentId { get; set; }

    public Guid? AuthorId { get; set; }

    /// <summary>As the author was named when they wrote it (a person's name, or "imported: Avid markers").</summary>
    public required string Author { get; set; }

    /// <summary>A guest's e-mail, as they gave it when they opened a share link; null for the project's people.</summary>
    public string? GuestEmail { get; set; }

    public required string Text { get; set; }

    /// <summary>The first frame, counted from the clip's first frame (0).</summary>
    public long InFrame { get; set; }

    /// <summary>The last frame, inclusive, as editors mark an out point: equal to <see cref="InFrame"/> for one frame.</summary>
    public long OutFrame { get; set; }

    public int RateNumerator { get; set; }
    public int RateDenominator { get; set; }

    public CommentStatus Status { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }

    /// <summary>The people named with @ in the text, as written (lower case, without the @).</summary>
    public List<string> Mentions { get; set; } = [];

    /// <summary>Shapes over the frame, coordinates 0..1 of the picture's width and height.</summary>
    public List<DrawingShape> Drawing { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum ShapeKind
{
    Arrow,
    Rectangle,
    Line,
    Freehand,
}

/// <summary>One shape of a drawing. Arrow and line: from the first point to the second; rectangle: two
/// opposite corners; freehand: the pen's path. Points are [x, y], 0..1 from the picture's top left,
/// so the drawing sits on the same spot at any player size or proxy resolution.</summary>
public sealed class DrawingShape
{
    public ShapeKind Kind { get; set; }
    public List<double[]> Points { get; set; } = [];

    /// <summary>A CSS hex colour (#rrggbb).</summary>
    public string Color { get; set; } = "#ff3b30";
}
