namespace Mam.Contracts.Restores;

/// <summary>Answer of <c>POST /api/restores/{id}/start</c>: every file with the hashes taken on set and
/// a URL that reads it without credentials until <paramref name="UrlsExpire"/>. Starting again gives
/// fresh URLs (a resumed or long restore).</summary>
public sealed record RestoreManifest(Guid Id, string State, DateTimeOffset UrlsExpire, IReadOnlyList<RestoreManifestFile> Files);
