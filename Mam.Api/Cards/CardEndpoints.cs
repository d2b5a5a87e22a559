using System.Globalization;
using System.Text.Json;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Api.Uploads;
using Mam.Catalog;
using Mam.Contracts;
using Mam.Contracts.Cards;
using Mam.Contracts.Uploads;
using Mam.Storage;
using Mam.Workers.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Cards;

public static class CardEndpoints
{
    /// <summary>A manifest of 100,000 files with long paths stays well under this.</summary>
    public const long MaxManifestBytes = 64L * 1024 * 1024;

    /// <summary>The largest page of GET /api/cards.</summary>
    public const int MaxTake = 500;

    private static readonly string TooLargeFile = string.Create(CultureInfo.InvariantCulture,
        $"An original may be at most {Limits.MaxFileSize} bytes (5 TiB, the largest object S3 stores); nothing was stored.");

    public static IEndpointRouteBuilder MapCardEndpoints(this IEndpointRouteBuilder app)
    {
        var cards = app.MapGroup("/api/cards").WithTags("Cards");
        cards.MapPost("/", RegisterAsync).RequireAuthorization(Policies.Ingest).WithSummary("Register an offloaded card whose files are uploaded");
        cards.MapPut("/{project}/{card}/files/{**path}", UploadAsync).RequireAuthorization(Policies.Ingest).WithSummary("Upload one original file, verified by xxh64");
        cards.MapPost("/{project}/{card}/verifications", CardVerifications.RecordAsync).RequireAuthorization(Policies.Ingest)
            .WithSummary("The agent's verify of an on-set copy of the card (a RAID, a shuttle drive): each file's outcome becomes that copy's last check and a fixity-check event")
            .WithDescription("location (machine:/folder), checkedAt, checkedBy, files: path, outcome (intact, mismatch or missing), algorithm, digest. Paths the card does not have are answered back in unknownPaths.");
        cards.MapGet("/", ListAsync).RequireAuthorization(Policies.Read).PagedBy($"skip (0 or more) and take (1 to {MaxTake})", "skip", "take")
            .WithSummary("Cards of the projects you may read, newest offload first; ?project= narrows to one, skip/take page");
        cards.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Read).WithSummary("A card with its files and assets");
        return app;
    }

    // The body is read by hand so that malformed or oversized JSON becomes a clear problem
    // response instead of the framework's generic 400.
    private static async Task<Results<Created<RegisterCardResponse>, Ok<RegisterCardResponse>, ProblemHttpResult>> RegisterAsync(
        HttpRequest http, CardRegistration registration, ProjectGuard guard, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxManifestBytes;
        }
        if (http.ContentLength > MaxManifestBytes)
        {
            return ApiProblems.TooLarge($"A card manifest may be at most {MaxManifestBytes / (1024 * 1024)} MiB.");
        }

        RegisterCardRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<RegisterCardRequest>(http.Body, json.Value.SerializerOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return ApiProblems.Invalid($"The body is not a valid card manifest: {RequestWording.Json(ex)}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.TooLarge($"A card manifest may be at most {MaxManifestBytes / (1024 * 1024)} MiB.");
        }
        if (request is null)
        {
            return ApiProblems.Invalid("The body is empty; send the card manifest as JSON.");
        }

        // Before the manifest is checked: someone without the right learns nothing from its errors.
        if (!string.IsNullOrWhiteSpace(request.Project)
            && await guard.CheckByNameAsync(request.Project, Right.Ingest, mayCreate: true, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var errors = CardManifestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The card manifest has errors; nothing was registered.", errors);
        }

        return await registration.RegisterAsync(request, cancellationToken).ConfigureAwait(false) switch
        {
            RegistrationResult.Created c => TypedResults.Created($"/api/cards/{c.Response.CardId}", c.Response),
            RegistrationResult.AlreadyRegistered a => TypedResults.Ok(a.Response),
            RegistrationResult.Conflict c => ApiProblems.Conflict(c.Detail),
            RegistrationResult.MissingUploads m => ApiProblems.Unprocessable("missing-upload", "Some files are not uploaded.", m.Detail),
            RegistrationResult.UnprovenHashes u => ApiProblems.Unprocessable("unproven-hash", "A hash differs from what the upload verified.", u.Detail),
            _ => throw new InvalidOperationException("Unknown registration result."),
        };
    }

    private static async Task<Results<Created<UploadedFile>, ProblemHttpResult>> UploadAsync(
        string project, string card, string path, HttpRequest http, IObjectStore store,
        IDbContextFactory<CatalogDbContext> catalog, MamMetrics metrics, ProjectGuard guard, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Ingest, mayCreate: true, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        string key;
        try
        {
            key = ObjectKeys.Original(project, card, path);
        }
        catch (InvalidObjectKeyException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }

        var expected = http.Headers["X-Content-XXH64"].ToString();
        if (!CardManifestValidator.IsHex(expected, 16))
        {
            return ApiProblems.Invalid("Send the file's xxh64 (16 hexadecimal digits) in the X-Content-XXH64 header, so the server can verify what it receives.");
        }
        if (http.ContentLength > Limits.MaxFileSize)
        {
            return ApiProblems.TooLarge(TooLargeFile);
        }

        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await RegisteredOriginals.ConflictAsync(db, project, card, path, expected, cancellationToken).ConfigureAwait(false) is { } conflict)
        {
            return ApiProblems.Conflict(conflict);
        }

        // Originals can be hundreds of gigabytes; the store streams them to disk.
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = Limits.MaxFileSize;
        }
        try
        {
            var stored = await store.PutAsync(key, http.Body, expected, cancellationToken).ConfigureAwait(false);
            metrics.BytesVerified(stored.Size, matched: true);
            await VerifiedUploads.RecordAsync(db, project, card, path, stored, clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            return TypedResults.Created((string?)null, new UploadedFile(stored.Key, stored.Size, stored.Xxh64));
        }
        catch (ObjectHashMismatchException ex)
        {
            metrics.BytesVerified(http.ContentLength ?? 0, matched: false);
            return ApiProblems.Unprocessable("hash-mismatch", "The upload did not verify.", ex.Message);
        }
        catch (ObjectKeyConflictException ex)
        {
            return ApiProblems.Conflict(PathCollisions.Describe(ex, project, card, path));
        }
        catch (InvalidObjectKeyException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.TooLarge(TooLargeFile);
        }
    }

    private static async Task<Results<Ok<CardPage>, ProblemHttpResult>> ListAsync(
        HttpContext context, Callers callers, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken,
        string? project = null, int skip = 0, int take = 50)
    {
        if (Paging.Check(take, MaxTake, skip) is { } refused)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Cards.AsNoTracking().VisibleIn(await callers.ReadableProjectsAsync(context, cancellationToken).ConfigureAwait(false));
        if (!string.IsNullOrEmpty(project))
        {
            query = query.Where(c => c.Project!.Name == project);
        }
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await query
            .OrderByDescending(c => c.OffloadedAt).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .Skip(skip).Take(take)
            .Select(c => new
            {
                Card = c,
                Project = c.Project!.Name,
                Files = c.Files.Count,
                Bytes = c.Files.Sum(f => (long?)f.Size) ?? 0,
                Clips = c.Assets.Count,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var items = page.Select(p => new CardSummary(p.Card.Id, p.Project, p.Card.Name, p.Card.Camera, p.Card.Roll, p.Card.Dit,
            p.Card.OffloadedAt, p.Card.RegisteredAt, p.Files, p.Bytes, p.Clips, $"/api/cards/{p.Card.Id}")).ToList();
        return TypedResults.Ok(new CardPage(total, skip, take, items));
    }

    private static async Task<Results<Ok<CardView>, ProblemHttpResult>> GetAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, ProjectGuard guard, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var card = await db.Cards.AsNoTracking().Include(c => c.Project).Include(c => c.Files).Include(c => c.Assets).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (card is null || await guard.CheckAsync(card.ProjectId, card.Project!.Name, Right.Read, cancellationToken).ConfigureAwait(false) is not null)
        {
            return ApiProblems.NotFound($"There is no card {id}.");
        }
        return TypedResults.Ok(new CardView(card.Id, card.Project!.Name, card.Name, card.Camera, card.Roll, card.Dit, card.SourceVolume,
            card.OffloadedAt, card.RegisteredAt,
            card.Files.OrderBy(f => f.RelativePath, StringComparer.Ordinal)
                .Select(f => new CardFileView(f.RelativePath, f.Size, f.Xxh64, f.OtherHashes, f.StorageKey, f.Role.ToString(), f.AssetId)).ToList(),
            card.Assets.OrderBy(a => a.ClipName, StringComparer.Ordinal).Select(a => new RegisteredAsset(a.Id, a.ClipName)).ToList()));
    }
}
