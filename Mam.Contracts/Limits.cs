namespace Mam.Contracts;

/// <summary>The longest names, paths, keys and files the MAM takes. The API refuses longer ones before they
/// reach the database or a store, the object keys are checked against them, and the catalog's columns are
/// this wide. Names and paths are counted in UTF-8 bytes where a filesystem counts bytes (<see cref="Names"/>).</summary>
public static class Limits
{
    public const int NameLength = 128;
    /// <summary>Linux PATH_MAX; cards nest deep (Sony PRIVATE/M4ROOT/…), and our own paths add a prefix.
    /// Counted in UTF-8 bytes (the catalog's column holds that many characters, never fewer).</summary>
    public const int PathLength = 4096;
    /// <summary>One file or folder name (a path component, a project or card name), in UTF-8 bytes: what
    /// ext4, XFS and most filesystems take (NAME_MAX). "é" is 2 bytes, "日" 3, an emoji 4.</summary>
    public const int NameBytes = 255;
    public const int StorageKeyLength = 4400;
    /// <summary>The largest original the MAM takes, in bytes: 5 TiB, the largest object S3 stores (and an
    /// upload's part count stays an int for the folder store's smallest parts).</summary>
    public const long MaxFileSize = 5L * 1024 * 1024 * 1024 * 1024;
    /// <summary>OCR can read a whole page of credits; a tag label is what an editor types, so cut it there.</summary>
    public const int TagLabelLength = 512;
    /// <summary>Why a stage is run again: a sentence or two, kept with the operation.</summary>
    public const int OperationReasonLength = 500;
}
