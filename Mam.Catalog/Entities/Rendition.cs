namespace Mam.Catalog.Entities;

public enum RenditionKind
{
    Proxy,
    Poster,
    Filmstrip,
}

/// <summary>A browse copy made from an original; stored under renditions/{assetId}/{kind}/….</summary>
public sealed class Rendition
{
    public Guid Id { get; set; }
    public Guid AssetId { get; set; }
    public RenditionKind Kind { get; set; }
    public required string StorageKey { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public DateTime CreatedAt { get; set; }
}
