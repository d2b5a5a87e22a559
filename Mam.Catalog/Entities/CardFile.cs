namespace Mam.Catalog.Entities;

public enum FileRole
{
    /// <summary>A media file the pipeline processes into an asset.</summary>
    Clip,
    /// <summary>Further media of the same clip (another span of a RED clip, a WAV beside the movie),
    /// linked to that clip's asset.</summary>
    Part,
    /// <summary>Camera metadata beside a clip (same base name or folder), linked to that clip's asset.</summary>
    Sidecar,
    /// <summary>Everything else on the card (card-level XML, ascmhl/ history, OS files), kept 1:1.</summary>
    Other,
}

/// <summary>A file exactly as it was on the card, with the hashes taken at offload.</summary>
public sealed class CardFile
{
    public Guid Id { get; set; }
    public Guid CardId { get; set; }
    public Card? Card { get; set; }
    /// <summary>Relative POSIX path on the card.</summary>
    public required string RelativePath { get; set; }
    public long Size { get; set; }
    /// <summary>xxh64 as 16 lowercase hex digits: ASC MHL's common format, required for every original.</summary>
    public required string Xxh64 { get; set; }
    /// <summary>Any further hashes the agent took (md5, sha1, xxh128…), by ASC MHL format name.</summary>
    public Dictionary<string, string> OtherHashes { get; set; } = [];
    public required string StorageKey { get; set; }
    public FileRole Role { get; set; }
    public Guid? AssetId { get; set; }
}
