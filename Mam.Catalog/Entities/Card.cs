namespace Mam.Catalog.Entities;

/// <summary>One offload of one camera card: what the DIT copied, when, from where.</summary>
public sealed class Card
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Project? Project { get; set; }
    public required string Name { get; set; }
    public string? Camera { get; set; }
    public string? Roll { get; set; }
    public string? Dit { get; set; }
    public string? SourceVolume { get; set; }
    public DateTime OffloadedAt { get; set; }
    public DateTime RegisteredAt { get; set; }
    public List<CardFile> Files { get; set; } = [];
    public List<Asset> Assets { get; set; } = [];
}
