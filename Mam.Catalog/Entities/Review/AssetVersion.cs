namespace Mam.Catalog.Entities.Review;

/// <summary>A clip's place in a version stack (a cut's v1, v2, v3…, or a master rendered again). The
/// stack is named by its first version's asset id; a clip with no row is a stack of one.</summary>
public sealed class AssetVersion
{
    public Guid AssetId { get; set; }
    public Guid StackId { get; set; }

    /// <summary>1 for the first version.</summary>
    public int Number { get; set; }

    public required string AddedBy { get; set; }
    public DateTime AddedAt { get; set; }
}
