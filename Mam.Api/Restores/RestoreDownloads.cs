using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Restores;
using Mam.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Restores;

/// <summary>On the folder store, a manifest's URLs are signed links here: the file streams through the
/// API (Range requests too). Only a started restore's files, for a caller (the link's person) who may
/// still restore from the project.</summary>
internal static class RestoreDownloads
{
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> StreamAsync(
        Guid id, Guid fileId, IDbContextFactory<CatalogDbContext> catalog, ProjectGuard guard, IObjectStore store, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (restore, _) = await RestoreEndpoints.FindAsync(db, id, guard, cancellationToken).ConfigureAwait(false);
        var file = restore?.Files.SingleOrDefault(f => f.Id == fileId);
        if (restore is null || file is null)
        {
            return ApiProblems.NotFound($"There is no file {fileId} in restore {id}.");
        }
        if (restore.State == RestoreState.Planned)
        {
            return ApiProblems.Make("restore-not-started", "The restore has not been started.",
                $"Restore {id} is a plan; start it (POST {RestoreViews.Url(id)}/start) for its files.", StatusCodes.Status409Conflict);
        }
        var key = file.Cut is null ? file.CardFile!.StorageKey : file.Cut.StorageKey;
        if (key is null)
        {
            return ApiProblems.Make("cut-not-ready", "The cut is not made yet.", $"{file.RelativePath} is still being cut; its URL comes with the manifest once it is ready.", StatusCodes.Status409Conflict);
        }
        try
        {
            var stream = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
            return TypedResults.Stream(stream, "application/octet-stream", enableRangeProcessing: stream.CanSeek);
        }
        catch (ObjectNotFoundException)
        {
            return ApiProblems.NotFound($"{file.CardName}/{file.RelativePath} is missing from the store (key {key}).");
        }
    }
}
