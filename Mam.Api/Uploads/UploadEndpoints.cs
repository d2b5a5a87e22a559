using System.Buffers;
using System.Globalization;
using Mam.Api.Cards;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog.Entities;
using Mam.Contracts;
using Mam.Contracts.Uploads;
using Mam.Integrity.Hashing;
using Mam.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Uploads;

/// <summary>Resumable, verified uploads of originals: open a session, send parts (to the API or to
/// presigned store URLs), complete — the server checks the whole file's xxh64 before it counts.</summary>
public static class UploadEndpoints
{
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/api/uploads").WithTags("Uploads").RequireAuthorization(Policies.Ingest);
        uploads.MapPost("/", OpenAsync).WithSummary("Open (or resume) an upload session for one original");
        uploads.MapGet("/{id:guid}", GetAsync).WithSummary("Which parts have arrived (1,000 a page, ?firstPart=n), and where to send the rest");
        uploads.MapPut("/{id:guid}/parts/{number:int}", PutPartAsync).WithSummary("Send one part; header X-Content-XXH64 is checked");
        uploads.MapPost("/{id:guid}/parts/{number:int}/target", TargetAsync)
            .WithSummary("Where to PUT one part the store checks itself (parts with checksum xxh64): body {xxh64}, answer {url, headers}");
        uploads.MapPost("/{id:guid}/complete", CompleteAsync).WithSummary("Assemble the parts and verify the whole file");
        return app;
    }

    private static async Task<Results<Created<UploadSessionView>, Ok<UploadSessionView>, ProblemHttpResult>> OpenAsync(
        StartUploadRequest request, UploadSessions sessions, ProjectGuard guard, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.Project)
            && await guard.CheckByNameAsync(request.Project, Right.Ingest, mayCreate: true, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        try
        {
            ObjectKeys.Original(request.Project ?? "", request.Card ?? "", request.Path ?? "");
        }
        catch (InvalidObjectKeyException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
        if (request.Size is < 0 or > Limits.MaxFileSize)
        {
            return ApiProblems.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"size must be from 0 to {Limits.MaxFileSize} bytes (5 TiB, the largest object S3 stores, and the largest original the MAM takes)."));
        }
        if (!CardManifestValidator.IsHex(request.Xxh64, 16))
        {
            return ApiProblems.Invalid("xxh64 must be 16 hexadecimal digits.");
        }

        try
        {
            var (session, created) = await sessions.OpenAsync(request.Project!, request.Card!, request.Path!, request.Size, request.Xxh64!, cancellationToken).ConfigureAwait(false);
            var view = await sessions.ViewAsync(session, 1, cancellationToken).ConfigureAwait(false);
            return created ? TypedResults.Created($"/api/uploads/{session.Id}", view) : TypedResults.Ok(view);
        }
        catch (UploadConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (ObjectKeyConflictException ex)
        {
            return ApiProblems.Conflict(PathCollisions.Describe(ex, request.Project!, request.Card!, request.Path!));
        }
        catch (InvalidObjectKeyException ex)
        {
            // The store's own limit (S3: keys of at most 1,024 bytes; the folder store: the system's longest path).
            return ApiProblems.Invalid(ex.Message);
        }
    }

    private static async Task<Results<Ok<UploadSessionView>, ProblemHttpResult>> GetAsync(
        Guid id, int? firstPart, UploadSessions sessions, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var session = await FindAllowedAsync(id, sessions, guard, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return ApiProblems.NotFound($"There is no upload {id}.");
        }
        var first = firstPart ?? 1;
        if (first < 1 || first > session.PartCount)
        {
            return ApiProblems.Invalid(string.Create(CultureInfo.InvariantCulture, $"firstPart must be from 1 to {session.PartCount}, the parts of this upload."));
        }
        if (session.Status == UploadStatus.Open)
        {
            // A client paging through the parts is using the session: it must not expire under it.
            await sessions.TouchAsync(id, cancellationToken).ConfigureAwait(false);
        }
        return TypedResults.Ok(await sessions.ViewAsync(session, first, cancellationToken).ConfigureAwait(false));
    }

    // A part is at most PartSize (16 MiB by default): it is read into a pooled buffer and checked
    // before the store sees it, so a corrupted part never reaches the object.
    private static async Task<Results<NoContent, ProblemHttpResult>> PutPartAsync(
        Guid id, int number, HttpRequest http, UploadSessions sessions, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var (session, refused) = await OpenPartAsync(id, number, sessions, guard, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return refused!;
        }
        var expectedHash = http.Headers["X-Content-XXH64"].ToString();
        if (!CardManifestValidator.IsHex(expectedHash, 16))
        {
            return ApiProblems.Invalid("Send the part's xxh64 (16 hexadecimal digits) in the X-Content-XXH64 header.");
        }

        var expectedLength = session.SizeOfPart(number);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, expectedLength + 1));
        try
        {
            var length = 0;
            int read;
            while (length <= expectedLength && (read = await http.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
            if (length != expectedLength)
            {
                return ApiProblems.Invalid($"Part {number} must be exactly {expectedLength} bytes; more or fewer arrived.");
            }
            var actualHash = Xxh64.HashHex(buffer.AsSpan(0, length));
            if (!string.Equals(actualHash, expectedHash, StringComparison.OrdinalIgnoreCase))
            {
                return ApiProblems.Unprocessable("hash-mismatch", "The part did not verify.", $"Part {number} hashes to xxh64 {actualHash}, not {expectedHash.ToLowerInvariant()}; send it again.");
            }
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            await sessions.PutPartAsync(session, number, content, length, cancellationToken).ConfigureAwait(false);
            return TypedResults.NoContent();
        }
        catch (UploadConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (StoreRefusedBytesException ex)
        {
            return ApiProblems.Unprocessable("hash-mismatch", "The store refused the part.", ex.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<Results<Ok<PartTargetView>, ProblemHttpResult>> TargetAsync(
        Guid id, int number, PartTargetRequest request, UploadSessions sessions, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var (session, refused) = await OpenPartAsync(id, number, sessions, guard, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return refused!;
        }
        if (!CardManifestValidator.IsHex(request.Xxh64, 16))
        {
            return ApiProblems.Invalid("Send the part's xxh64 (16 hexadecimal digits) as xxh64.");
        }
        try
        {
            return TypedResults.Ok(await sessions.TargetAsync(session, number, request.Xxh64!, cancellationToken).ConfigureAwait(false));
        }
        catch (UploadConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    private static async Task<Results<Ok<UploadedFile>, ProblemHttpResult>> CompleteAsync(Guid id, UploadSessions sessions, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var session = await FindAllowedAsync(id, sessions, guard, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return ApiProblems.NotFound($"There is no upload {id}.");
        }
        if (session.Status == UploadStatus.Complete)
        {
            return TypedResults.Ok(new UploadedFile(session.StorageKey, session.Size, session.Xxh64));
        }
        if (session.Status != UploadStatus.Open)
        {
            return ApiProblems.Conflict(NotOpen(session));
        }
        try
        {
            var stored = await sessions.CompleteAsync(session, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new UploadedFile(stored.Key, stored.Size, stored.Xxh64));
        }
        catch (UploadIncompleteException ex)
        {
            return ApiProblems.Make("upload-incomplete", "Some parts are missing.", ex.Message, StatusCodes.Status409Conflict);
        }
        catch (ObjectHashMismatchException ex)
        {
            return ApiProblems.Unprocessable("hash-mismatch", "The upload did not verify.", ex.Message + " Open a new session and send the file again.");
        }
        catch (ObjectKeyConflictException ex)
        {
            return ApiProblems.Conflict(PathCollisions.Describe(ex, session.Project, session.Card, session.RelativePath) + " The upload was closed and its parts removed.");
        }
        catch (InvalidObjectKeyException ex)
        {
            return ApiProblems.Invalid(ex.Message + " The upload was closed and its parts removed.");
        }
    }

    /// <summary>A session of a project the caller may not ingest into answers as missing.</summary>
    /// <summary>The upload, when the caller may send to it, it is still open and it has part <paramref name="number"/>; else what to answer.</summary>
    private static async Task<(Mam.Catalog.Entities.UploadSession? Session, ProblemHttpResult? Refused)> OpenPartAsync(
        Guid id, int number, UploadSessions sessions, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var session = await FindAllowedAsync(id, sessions, guard, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return (null, ApiProblems.NotFound($"There is no upload {id}."));
        }
        if (session.Status != UploadStatus.Open)
        {
            return (null, ApiProblems.Conflict(NotOpen(session)));
        }
        return number < 1 || number > session.PartCount
            ? (null, ApiProblems.Invalid($"Part numbers of this upload run from 1 to {session.PartCount}."))
            : (session, null);
    }

    private static async Task<Mam.Catalog.Entities.UploadSession?> FindAllowedAsync(Guid id, UploadSessions sessions, ProjectGuard guard, CancellationToken cancellationToken)
    {
        var session = await sessions.FindAsync(id, cancellationToken).ConfigureAwait(false);
        return session is not null && await guard.CheckByNameAsync(session.Project, Right.Ingest, mayCreate: true, cancellationToken).ConfigureAwait(false) is null
            ? session
            : null;
    }

    private static string NotOpen(UploadSession session) => session.Status switch
    {
        UploadStatus.Expired => $"Upload {session.Id} expired unused and its parts were removed; open a new session to send the file.",
        UploadStatus.Failed => $"Upload {session.Id} failed (it did not verify, or cannot be stored under its name); open a new session to send the file again.",
        _ => $"Upload {session.Id} is {UploadSessions.OnTheWire(session.Status)}.",
    };
}
