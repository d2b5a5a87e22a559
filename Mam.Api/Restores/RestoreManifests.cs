using Mam.Api.Security.Authentication;
using Mam.Catalog.Entities.Restores;
using Mam.Contracts.Restores;
using Mam.Integrity.Hashing;
using Mam.Storage;
using Microsoft.Extensions.Options;

namespace Mam.Api.Restores;

/// <summary>The manifest the agent restores from: per file its place on the card, size, the hashes taken
/// on set, and a URL that reads it without credentials — a presigned GET on S3 (the bytes go from the
/// store to the archivist, not through the API), or on the folder store a signed link to
/// <c>/api/restores/{id}/files/{file}</c>, which streams it. Both expire after Restores:UrlLifetime.</summary>
public sealed class RestoreManifests(IObjectStore store, MediaLinks links, IOptions<RestoreOptions> options, TimeProvider clock)
{
    public static string FilePath(Guid restoreId, Guid fileId) => $"/api/restores/{restoreId}/files/{fileId}";

    /// <param name="restore">With its files and their card files loaded.</param>
    public RestoreManifest Build(Restore restore, Guid personId)
    {
        ArgumentNullException.ThrowIfNull(restore);
        var lifetime = options.Value.UrlLifetime;
        var expires = clock.GetUtcNow() + lifetime;
        var files = restore.Files.OrderBy(f => f.CardName, StringComparer.Ordinal).ThenBy(f => f.RelativePath, StringComparer.Ordinal)
            .Select(f => File(restore.Id, f, personId, lifetime)).ToList();
        return new RestoreManifest(restore.Id, RestoreViews.StateOf(restore.State), expires, files);
    }

    private RestoreManifestFile File(Guid restoreId, RestoreFile file, Guid personId, TimeSpan lifetime)
    {
        var original = file.CardFile ?? throw new InvalidOperationException("The restore's card files are not loaded.");
        var cut = RestoreViews.Cut(file);
        if (file.Cut is { } made)
        {
            // The cut is a new file: its own hash, taken when it was made, is what the agent checks.
            return made.State == RestoreCutState.Ready && made.StorageKey is { } key && made.Xxh64 is { } xxh64
                ? new RestoreManifestFile(file.Id, file.CardName, file.RelativePath, file.Size, new Dictionary<string, string> { [HashFormats.Xxh64] = xxh64 },
                    UrlOf(restoreId, file.Id, key, personId, lifetime), null, cut)
                : new RestoreManifestFile(file.Id, file.CardName, file.RelativePath, file.Size, new Dictionary<string, string>(), null,
                    made.State == RestoreCutState.Failed ? $"the cut could not be made: {made.Error}" : null, cut);
        }
        var hashes = new Dictionary<string, string>(original.OtherHashes, StringComparer.Ordinal) { [HashFormats.Xxh64] = original.Xxh64 };
        return new RestoreManifestFile(file.Id, file.CardName, file.RelativePath, file.Size, hashes,
            UrlOf(restoreId, file.Id, original.StorageKey, personId, lifetime), null, null);
    }

    private string UrlOf(Guid restoreId, Guid fileId, string key, Guid personId, TimeSpan lifetime) =>
        store.TryGetReadUrl(key, lifetime)?.AbsoluteUri ?? links.Create(personId, FilePath(restoreId, fileId), lifetime).Url;
}
