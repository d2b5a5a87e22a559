namespace Mam.Api.Archive;

/// <summary>A project's 3-2-1 view: how many copies each original has, where, and how they last checked.</summary>
public sealed record ProjectCopiesView(
    string Project,
    int MinimumCopies,
    int Files,
    long Bytes,
    int FilesBelowMinimum,
    int FilesWithFailures,
    int FilesNeverChecked,
    IReadOnlyList<CopyLocationView> Locations,
    IReadOnlyList<FileCopiesView> Items,
    string? Next);

/// <summary>One place copies live (a store, an on-set drive, a restore folder) and how its copies checked.</summary>
public sealed record CopyLocationView(
    string Kind, string Location, string? Description, int Copies, int Intact, int Damaged, int Missing, int NeverChecked,
    DateTime? OldestCheck, DateTime? NewestCheck);

public sealed record FileCopiesView(Guid Card, string CardName, string Path, Guid? Asset, long Size, string Xxh64, int Copies, IReadOnlyList<CopyView> Where);

public sealed record CopyView(string Kind, string Location, string Key, string? StorageClass, DateTime? LastCheckedAt, string? Outcome, string? CheckedBy);
