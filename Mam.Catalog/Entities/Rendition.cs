namespace Mam.Catalog.Entities;

public enum RenditionKind
{
    Proxy,
    Poster,
    Filmstrip,
    /// <summary>Audio peaks (JSON) drawn under the player.</summary>
    Waveform,
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

    /// <summary>When the store was last asked whether the object is there (the rolling storage check).</summary>
    public DateTime? CheckedAt { get; set; }

    /// <summary>Set when the object was found missing from the store; cleared when its stage writes it again.</summary>
    public DateTime? MissingSince { get; set; }
}
