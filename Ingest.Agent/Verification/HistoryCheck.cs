namespace Ingest.Agent.Verification;

/// <summary>What <c>verify</c> found for one file of a folder with ASC MHL history.</summary>
public enum FileCheckState
{
    Verified,
    Failed,
    Missing,
    New,
}

/// <param name="HistoryRoot">The folder whose ascmhl/ history lists (or should list) the file.</param>
/// <param name="Path">Relative to <paramref name="HistoryRoot"/>, POSIX style.</param>
/// <param name="Xxh64">What the file hashed to now, when it could be read: reported to the MAM, which holds the on-set xxh64.</param>
public sealed record FileCheck(string HistoryRoot, string Path, FileCheckState State, string? Detail, string? Xxh64 = null);

/// <summary>The outcome of verifying one folder tree against its histories.</summary>
public sealed record HistoryCheckReport(IReadOnlyList<FileCheck> Files, IReadOnlyList<string> GenerationsWritten)
{
    public bool AllVerified => Files.All(f => f.State == FileCheckState.Verified);

    public int Count(FileCheckState state) => Files.Count(f => f.State == state);
}
