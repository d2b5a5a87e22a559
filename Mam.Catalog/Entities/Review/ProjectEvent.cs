namespace Mam.Catalog.Entities.Review;

/// <summary>Something that happened on a project that the people following it want to hear about
/// (a comment, a mention, an approval, a gate advanced), in the order it happened: the id is the
/// position a live page resumes from (Server-Sent Events' Last-Event-ID).</summary>
public sealed class ProjectEvent
{
    public long Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>comment, mention, approval, gate-advanced.</summary>
    public required string Kind { get; set; }

    public Guid? AssetId { get; set; }

    /// <summary>Where on the clip, in seconds from its first frame (a comment's frame), for a link that
    /// opens the clip there.</summary>
    public double? Position { get; set; }

    /// <summary>For a mention: the person named.</summary>
    public Guid? PersonId { get; set; }

    public required string Actor { get; set; }
    public required string Text { get; set; }
    public DateTime At { get; set; }
}
