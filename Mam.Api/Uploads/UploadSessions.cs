using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Contracts.Uploads;
using Mam.Storage;
using Mam.Workers.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Uploads;

/// <summary>Opens, resumes and completes resumable uploads, keeping their state in the catalog so a
/// restarted API or a killed agent loses nothing but the part in flight.</summary>
public sealed class UploadSessions(IDbContextFactory<CatalogDbContext> catalog, IMultipartObjectStore store, IObjectStore objects, MamMetrics metrics, TimeProvider clock)
{
    /// <summary>Presigned part URLs live this long; a resumed client fetches fresh ones.</summary>
    public static readonly TimeSpan PartUrlValidity = TimeSpan.FromHours(6);

    public async Task<(UploadSession Session, bool Created)> OpenAsync(string project, string card, string path, long size, string xxh64, CancellationToken cancellationToken)
    {
        var key = ObjectKeys.Original(project, card, path);
        xxh64 = xxh64.ToLowerInvariant();
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        if (await RegisteredOriginals.ConflictAsync(db, key, xxh64, path, card, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            throw new UploadConflictException(conflict);
        }

        var existing = await db.UploadSessions
            .Where(u => u.StorageKey == key && u.Size == size && u.Xxh64 == xxh64 && (u.Status == UploadStatus.Open || u.Status == UploadStatus.Complete))
            .OrderByDescending(u => u.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        // A finished upload counts only while its object is still there with the right size.
        if (existing is not null && (existing.Status == UploadStatus.Open ||
            await objects.GetSizeAsync(key, cancellationToken).ConfigureAwait(false) == size))
        {
            return (existing, false);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UploadSession
        {
            Id = Guid.NewGuid(),
            Project = project,
            Card = card,
            RelativePath = path,
            StorageKey = key,
            Size = size,
            Xxh64 = xxh64,
            StoreUploadId = await store.StartMultipartAsync(key, cancellationToken).ConfigureAwait(false),
            PartSize = store.PartSize,
            Status = UploadStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.UploadSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (session, true);
    }

    public async Task<UploadSession?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.UploadSessions.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<UploadSessionView> ViewAsync(UploadSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        IReadOnlyDictionary<int, long> received = session.Status == UploadStatus.Open
            ? await store.ListPartsAsync(session.StorageKey, session.StoreUploadId, cancellationToken).ConfigureAwait(false)
            : new Dictionary<int, long>();
        var parts = Enumerable.Range(1, session.PartCount).Select(n =>
        {
            var done = session.Status == UploadStatus.Complete || (received.TryGetValue(n, out var length) && length == session.SizeOfPart(n));
            var target = store.GetPartTarget(session.StorageKey, session.StoreUploadId, n, PartUrlValidity);
            return new UploadPartView(n, session.SizeOfPart(n), done, target.PresignedUrl?.ToString() ?? $"/api/uploads/{session.Id}/parts/{n}");
        }).ToList();
        return new UploadSessionView(session.Id, session.StorageKey, session.Size, session.Xxh64, session.PartSize,
            OnTheWire(session.Status), parts);
    }

    // The agent compares the view's status with these constants; a new status fails the build here
    // (CS8509) instead of reaching the agent as a word it does not know. CS8524 is about values no
    // member names (a cast integer), which the catalog never holds.
#pragma warning disable CS8524
    public static string OnTheWire(UploadStatus status) => status switch
    {
        UploadStatus.Open => UploadStatuses.Open,
        UploadStatus.Complete => UploadStatuses.Complete,
        UploadStatus.Failed => UploadStatuses.Failed,
    };
#pragma warning restore CS8524

    public Task PutPartAsync(UploadSession session, int number, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return store.PutPartAsync(session.StorageKey, session.StoreUploadId, number, content, length, cancellationToken);
    }

    public async Task<StoredObject> CompleteAsync(UploadSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var received = await store.ListPartsAsync(session.StorageKey, session.StoreUploadId, cancellationToken).ConfigureAwait(false);
        var missing = Enumerable.Range(1, session.PartCount).Where(n => !received.TryGetValue(n, out var l) || l != session.SizeOfPart(n)).ToList();
        if (missing.Count > 0)
        {
            throw new UploadIncompleteException($"Parts {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? "…" : "")} of {session.PartCount} have not arrived.");
        }

        try
        {
            var stored = await store.CompleteMultipartAsync(session.StorageKey, session.StoreUploadId, session.PartCount, session.Xxh64, cancellationToken).ConfigureAwait(false);
            metrics.BytesVerified(stored.Size, matched: true);
            await SetStatusAsync(session.Id, UploadStatus.Complete, cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (ObjectHashMismatchException)
        {
            metrics.BytesVerified(session.Size, matched: false);
            await SetStatusAsync(session.Id, UploadStatus.Failed, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task SetStatusAsync(Guid id, UploadStatus status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.UploadSessions.Where(u => u.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, status).SetProperty(x => x.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
    }
}

public sealed class UploadConflictException(string message) : Exception(message);

public sealed class UploadIncompleteException(string message) : Exception(message);
