namespace Mam.Core.Catalog;

/// <summary>Column limits, shared with API validation so bad input is refused before it reaches the database.</summary>
public static class CatalogLimits
{
    public const int NameLength = 128;
    /// <summary>Linux PATH_MAX; cards nest deep (Sony PRIVATE/M4ROOT/…), and our own paths add a prefix.</summary>
    public const int PathLength = 4096;
    public const int StorageKeyLength = 4400;
    /// <summary>OCR can read a whole page of credits; a tag label is what an editor types, so cut it there.</summary>
    public const int TagLabelLength = 512;
}
