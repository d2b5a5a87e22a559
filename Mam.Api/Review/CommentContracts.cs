namespace Mam.Api.Review;

/// <summary>Body of <c>POST /api/assets/{id}/comments</c>. Where: <c>frame</c> (and <c>outFrame</c>, the
/// range's last frame, inclusive), or <c>timecodeIn</c> (and <c>timecodeOut</c>) on the clip's own
/// timecode. A reply (<c>replyTo</c>) sits on its thread's frames unless it says otherwise.</summary>
public sealed record CommentRequest(
    string? Text, long? Frame, long? OutFrame, string? TimecodeIn, string? TimecodeOut, Guid? ReplyTo, IReadOnlyList<ShapeRequest>? Drawing);

/// <summary>A shape: arrow, rectangle, line or freehand; points [x, y] from 0 to 1 of the picture.</summary>
public sealed record ShapeRequest(string? Kind, IReadOnlyList<double[]>? Points, string? Color);

/// <summary>Body of <c>PATCH /api/assets/{id}/comments/{commentId}</c>: resolve or reopen, or correct the text (its author only).</summary>
public sealed record CommentChange(string? Status, string? Text);

public sealed record CommentView(
    Guid Id,
    Guid AssetId,
    Guid? ReplyTo,
    string Author,
    string Text,
    long InFrame,
    long OutFrame,
    string FrameRate,
    string TimecodeIn,
    string TimecodeOut,
    double Start,
    double End,
    string Status,
    string? ResolvedBy,
    DateTime? ResolvedAt,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<ShapeView> Drawing,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string Url);

public sealed record ShapeView(string Kind, IReadOnlyList<double[]> Points, string Color);

/// <summary>What an import added.</summary>
public sealed record CommentImportView(string Format, int Added, IReadOnlyList<CommentView> Comments);
