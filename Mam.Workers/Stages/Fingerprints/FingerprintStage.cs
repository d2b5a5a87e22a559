using Mam.Catalog;
using Mam.Integrity.Hashing;
using Mam.Storage.Originals;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages.Fingerprints;

/// <summary>Reads the whole stored original once, checks that it is the file copied on set (the
/// card's xxh64) and records its SHA-256. The on-set MHL carries xxh64 only (ASC MHL has no SHA-256);
/// approval certificates bind both, so a certificate can be checked with tools that know SHA-256
/// alone. A store that has the wrong bytes is found here, at ingest, not at the first fixity audit.</summary>
public sealed class FingerprintStage(IDbContextFactory<CatalogDbContext> catalog, OriginalCache originals) : IPipelineStage
{
    /// <summary>The key in a card file's further hashes.</summary>
    public const string Sha256 = Integrity.Hashing.Sha256.Name;

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        var file = asset.SourceFile!;

        (string Xxh64, string Sha256) read;
        try
        {
            // The original cache's download (shared with the other stages) is already checked against
            // the catalog's xxh64; an original read in place (folder store) is checked below.
            await using var original = await originals.OpenAsync(file.StorageKey, file.Size, file.Xxh64, cancellationToken).ConfigureAwait(false);
            read = await HashAsync(original.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (OriginalMismatchException ex)
        {
            return StageOutcome.Failed($"The stored original is not the file copied on set: {ex.Message} Restore it from another copy (the clip's copies view lists them).");
        }
        if (!string.Equals(read.Xxh64, file.Xxh64, StringComparison.OrdinalIgnoreCase))
        {
            return StageOutcome.Failed($"The stored original is not the file copied on set: its xxh64 is {read.Xxh64}, the card's is {file.Xxh64}. "
                + "Restore it from another copy (the clip's copies view lists them).");
        }

        // A new dictionary: the catalog compares the column's value, not the dictionary's contents in place.
        file.OtherHashes = new Dictionary<string, string>(file.OtherHashes, StringComparer.Ordinal) { [Sha256] = read.Sha256 };
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return StageOutcome.Done($"SHA-256 {read.Sha256}; the stored bytes are the on-set original (xxh64 {read.Xxh64}).");
    }

    /// <summary>Both hashes from one read of the file (hashed side by side, chunk by chunk).</summary>
    private static async Task<(string Xxh64, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        using var hashes = new FileHashes([Integrity.Hashing.Xxh64.CreateHasher(), Integrity.Hashing.Sha256.CreateHasher()]);
        await hashes.AppendFileAsync(path, cancellationToken).ConfigureAwait(false);
        var results = hashes.Results();
        return (results[HashFormats.Xxh64], results[Integrity.Hashing.Sha256.Name]);
    }
}
