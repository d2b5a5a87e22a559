namespace Mam.Contracts;

/// <summary>The longest names, paths and keys the MAM takes. The API refuses longer ones before they reach
/// the database, the object keys are checked against them, and the catalog's columns are this wide.</summary>
public static class Limits
{
    public const int NameLength = 128;
    /// <summary>Linux PATH_MAX; cards nest deep (Sony PRIVATE/M4ROOT/…), and our own paths add a prefix.</summary>
    public const int PathLength = 4096;
    public const int StorageKeyLength = 4400;
    /// <summary>OCR can read a whole page of credits; a tag label is what an editor types, so cut it there.</summary>
    public const int TagLabelLength = 512;
    /// <summary>Why a stage is run again: a sentence or two, kept with the operation.</summary>
    public const int OperationReasonLength = 500;
}
