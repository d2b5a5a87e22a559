using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Contracts.Uploads;
using Mam.Storage;
using Mam.Workers.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Uploads;

/// <summary>Opens, resumes and completes resumable uploads, keeping their state in the catalog so a
/// restarted API or a killed agent loses nothing but the part in flight. Every open, view and part
/// through the API marks the session as in use (UpdatedAt); one unused for Uploads:ExpireAfter is
/// expired by the workers' sweep and its parts removed.</summary>
public sealed class UploadSessions(IDbContextFactory<CatalogDbContext> catalog, IMultipartObjectStore store, IObjectStore objects, MamMetrics metrics, TimeProvider clock)
{
    private const long MiB = 1024 * 1024;

    /// <summary>Parts listed in one answer: a 5 TiB file has hundreds of thousands of parts, which the
    /// client fetches page by page (<see cref="UploadSessionView.NextParts"/>) as it sends them.</summary>
    public const int PartsPerPage = 1000;

    /// <summary>Presigned part URLs live this long; a resumed client fetches fresh ones.</summary>
    public static readonly TimeSpan PartUrlValidity = TimeSpan.FromHours(6);

    public async Task<(UploadSession Session, bool Created)> OpenAsync(string project, string card, string path, long size, string xxh64, CancellationToken cancellationToken)
    {
        var key = ObjectKeys.Original(project, card, path);
        xxh64 = xxh64.ToLowerInvariant();
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        if (await RegisteredOriginals.ConflictAsync(db, project, card, path, xxh64, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            throw new UploadConflictException(conflict);
        }

        // Stored already: the last verified upload under the key is this file, and its object is still there.
        var verified = await VerifiedUploads.LatestAsync(db, key, cancellationToken).ConfigureAwait(false);
        if (verified is not null && verified.Size == size && verified.Xxh64 == xxh64 &&
            await objects.GetSizeAsync(key, cancellationToken).ConfigureAwait(false) == size)
        {
            return (verified, false);
        }

        var open = await db.UploadSessions.AsNoTracking()
            .Where(u => u.StorageKey == key && u.Size == size && u.Xxh64 == xxh64 && u.Status == UploadStatus.Open)
            .OrderByDescending(u => u.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        // Expired by the sweep a moment ago: then it is a new session.
        if (open is not null && await TouchAsync(open.Id, cancellationToken).ConfigureAwait(false))
        {
            return (open, false);
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
            PartSize = PartSizeFor(size),
            Status = UploadStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.UploadSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (session, true);
    }

    /// <summary>The store's part size, or larger (whole MiB) when a file this big would need more parts than the store takes.</summary>
    public long PartSizeFor(long size)
    {
        var least = (size + store.MaxPartCount - 1) / store.MaxPartCount;
        return Math.Max(store.PartSize, (least + MiB - 1) / MiB * MiB);
    }

    public async Task<UploadSession?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.UploadSessions.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parts <paramref name="firstPart"/> to <paramref name="firstPart"/> + <see cref="PartsPerPage"/> − 1
    /// of the session, which of them have arrived, where to send the rest, and where the next page is.</summary>
    public async Task<UploadSessionView> ViewAsync(UploadSession session, int firstPart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var count = session.PartCount;
        var last = (int)Math.Min(count, (long)firstPart + PartsPerPage - 1);
        var open = session.Status == UploadStatus.Open;
        IReadOnlyDictionary<int, long> received = open
            ? await store.ListPartsAsync(session.StorageKey, session.StoreUploadId, cancellationToken).ConfigureAwait(false)
            : new Dictionary<int, long>();
        var parts = Enumerable.Range(firstPart, Math.Max(0, last - firstPart + 1)).Select(n =>
        {
            var done = session.Status == UploadStatus.Complete || (received.TryGetValue(n, out var length) && length == session.SizeOfPart(n));
            // Only an open upload takes parts: no URL is presigned for one that is finished. A store that checks
            // each part's checksum signs it into the URL, so that URL waits for the part's hash (see TargetAsync).
            var presigned = open && !store.ChecksPartHashes ? store.GetPartTarget(session.StorageKey, session.StoreUploadId, n, PartUrlValidity).PresignedUrl : null;
            return new UploadPartView(n, session.SizeOfPart(n), done, presigned?.ToString() ?? $"/api/uploads/{session.Id}/parts/{n}",
                open && store.ChecksPartHashes ? PartChecksum : null);
        }).ToList();
        var next = last < count ? $"/api/uploads/{session.Id}?firstPart={last + 1}" : null;
        return new UploadSessionView(session.Id, session.StorageKey, session.Size, session.Xxh64, session.PartSize,
            OnTheWire(session.Status), parts, count, next);
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
        UploadStatus.Expired => UploadStatuses.Expired,
    };
#pragma warning restore CS8524

    /// <summary>The checksum a store that checks parts wants (<see cref="UploadPartView.Checksum"/>).</summary>
    public const string PartChecksum = "xxh64";

    /// <summary>Where to PUT part <paramref name="number"/> whose xxh64 the client computed: a presigned URL
    /// signed for it (the store refuses other bytes), or the API for a store that checks no part hashes.</summary>
    public async Task<PartTargetView> TargetAsync(UploadSession session, int number, string xxh64, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!await TouchAsync(session.Id, cancellationToken).ConfigureAwait(false))
        {
            throw new UploadConflictException($"Upload {session.Id} is no longer open; open a new session to send the file.");
        }
        var target = store.GetPartTarget(session.StorageKey, session.StoreUploadId, number, PartUrlValidity, xxh64.ToLowerInvariant());
        return new PartTargetView(number, target.PresignedUrl?.ToString() ?? $"/api/uploads/{session.Id}/parts/{number}",
            target.Headers ?? new Dictionary<string, string>());
    }

    /// <summary>Marks an open session as in use now; false when it is no longer open (completed, failed or expired).</summary>
    public async Task<bool> TouchAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.UploadSessions.Where(u => u.Id == id && u.Status == UploadStatus.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.UpdatedAt, now), cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <exception cref="UploadConflictException">The session was completed, failed or expired meanwhile.</exception>
    public async Task PutPartAsync(UploadSession session, int number, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!await TouchAsync(session.Id, cancellationToken).ConfigureAwait(false))
        {
            throw new UploadConflictException($"Upload {session.Id} is no longer open; open a new session to send the file.");
        }
        await store.PutPartAsync(session.StorageKey, session.StoreUploadId, number, content, length, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredObject> CompleteAsync(UploadSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var received = await store.ListPartsAsync(session.StorageKey, session.StoreUploadId, cancellationToken).ConfigureAwait(false);
        var missing = Enumerable.Range(1, session.PartCount).Where(n => !received.TryGetValue(n, out var l) || l != session.SizeOfPart(n)).Take(11).ToList();
        if (missing.Count > 0)
        {
            throw new UploadIncompleteException($"Parts {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? "…" : "")} of {session.PartCount} have not arrived.");
        }

        try
        {
            // A session an earlier version opened for a name it then counted in characters only.
            ObjectKeys.Original(session.Project, session.Card, session.RelativePath);
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
        catch (Exception ex) when (ex is InvalidObjectKeyException or ObjectKeyConflictException)
        {
            // The file can never be stored under this name: close the session and remove its parts rather
            // than leave them staged for a completion that cannot succeed.
            await store.AbortMultipartAsync(session.StorageKey, session.StoreUploadId, cancellationToken).ConfigureAwait(false);
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
