namespace Mam.Contracts.Restores;

/// <summary>One file to restore.</summary>
/// <param name="Hashes">Format → value as taken on set (xxh64 always; md5, xxh128… when the agent took them).
/// For a cut: the cut's own xxh64, taken when it was made.</param>
/// <param name="Url">Reads the bytes (Range requests too) with no credentials: a presigned store URL, or
/// a signed link on the API (a path starting with /api/, relative to the API's address). Null when the file
/// cannot be read (<paramref name="Unavailable"/> says why) or a cut is still being made.</param>
public sealed record RestoreManifestFile(
    Guid Id,
    string Card,
    string Path,
    long Size,
    IReadOnlyDictionary<string, string> Hashes,
    string? Url,
    string? Unavailable,
    RestoreCutView? Cut);
