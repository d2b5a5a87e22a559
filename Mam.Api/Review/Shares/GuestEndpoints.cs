using System.Globalization;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Renditions;
using Mam.Api.Review.Approvals;
using Mam.Api.Review.Activity;
using Mam.Api.Web;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Review;
using Mam.Storage;
using Mam.Workers.Audit;
using Mam.Workers.Pipeline.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Shares;

/// <summary>What a guest of a share link reaches, all under the link's own path (<c>/share/{token}</c>):
/// the page, the door (password, name and e-mail), and then only the shared clips, only as the link's
/// rights allow. Every request after the door checks the link again (<see cref="GuestAuthentication"/>).</summary>
public static class GuestEndpoints
{
    public static IEndpointRouteBuilder MapGuestEndpoints(this IEndpointRouteBuilder app)
    {
        // The page holds nothing of the footage; a link that is unknown, withdrawn or expired gets a page that says so.
        app.MapGet("/share/{token}", PageAsync).AllowAnonymous().ExcludeFromDescription();
        var door = app.MapGroup("/share/{token}/api").WithTags("Share links (guests)").ExcludeFromDescription().AllowAnonymous();
        door.MapGet("/door", DoorAsync);
        door.MapPost("/session", OpenAsync).DisableAntiforgery().Audited(AuditActions.ShareOpened);

        var guest = app.MapGroup("/share/{token}/api").WithTags("Share links (guests)");
        guest.MapGet("/me", (HttpContext http) => TypedResults.Ok(ViewOf(Guest.Of(http)!))).RequireGuest(ShareRights.View)
            .WithSummary("The guest's name, e-mail and what the link allows");
        guest.MapGet("/clips", ClipsAsync).RequireGuest(ShareRights.View).WithSummary("The shared clips, with where to stream each");
        guest.MapGet("/clips/{assetId:guid}/comments", CommentsAsync).RequireGuest(ShareRights.View).WithSummary("The clip's comments, as the project's people see them");
        guest.MapPost("/clips/{assetId:guid}/comments", CommentAsync).RequireGuest(ShareRights.Comment).Audited(AuditActions.Comment)
            .WithSummary("Comment on a frame or a range, under the name and e-mail given at the door (marked as a guest)");
        guest.MapGet("/clips/{assetId:guid}/proxy", (Guid assetId, HttpContext http, IDbContextFactory<CatalogDbContext> c, IObjectStore s, RenditionRepairs r, CancellationToken ct) =>
                RenditionEndpoints.StreamAsync(assetId, RenditionKind.Proxy, c, s, r, ct, http))
            .RequireGuest(ShareRights.View).Audited(AuditActions.Stream).WithSummary("The proxy, for the player (range requests)");
        guest.MapGet("/clips/{assetId:guid}/proxy/download", DownloadProxyAsync).RequireGuest(ShareRights.DownloadProxy).Audited(AuditActions.Download)
            .WithSummary("The proxy as a file to keep (when the link allows it)");
        guest.MapGet("/clips/{assetId:guid}/original", DownloadOriginalAsync).RequireGuest(ShareRights.DownloadOriginal).Audited(AuditActions.Download)
            .WithSummary("The original camera file (when the link allows it)");
        guest.MapPost("/clips/{assetId:guid}/watched", WatchedAsync).RequireGuest(ShareRights.View)
            .WithSummary("The share page's report of the stretches played (every 15 s while playing, and when it stops), for the access log");
        guest.MapGuestApprovalEndpoints();
        return app;
    }

    private static async Task<IResult> PageAsync(string token, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var link = await LinkAsync(token, catalog, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return NotFoundPage.NotFound(http, "There is no such share link. Check that the whole link was copied, or ask whoever sent it for a new one.");
        }
        var page = WebPageEndpoints.Serve(http, "share.html");
        // The page's URL is the link's secret: no other site learns it from a Referer.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return page;
    }

    private static async Task<Results<Ok<ShareDoorView>, ProblemHttpResult>> DoorAsync(
        string token, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var link = await LinkAsync(token, catalog, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return ShareLinkState.Unknown();
        }
        return ShareLinkState.Closed(link, clock.GetUtcNow().UtcDateTime) is { } closed ? closed : TypedResults.Ok(new ShareDoorView(link.PasswordHash is not null, link.ExpiresAt));
    }

    private static async Task<Results<Ok<GuestView>, ProblemHttpResult>> OpenAsync(
        string token, GuestOpenRequest request, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, SharePasswordAttempts attempts,
        IDataProtectionProvider protection, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var link = ShareTokens.LooksValid(token)
            ? await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == ShareTokens.Hash(token), cancellationToken).ConfigureAwait(false)
            : null;
        if (link is null)
        {
            return ShareLinkState.Unknown();
        }
        var audit = http.Audit();
        if (audit is not null)
        {
            audit.Detail = $"share {link.Id}";
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (ShareLinkState.Closed(link, now) is { } closed)
        {
            return closed;
        }
        if (!ShareEndpoints.IsPersonName(request.Name, GuestNameLength))
        {
            return ApiProblems.Invalid($"name: the name to comment under, 1–{GuestNameLength} characters.");
        }
        if (!ShareEndpoints.IsEmail(request.Email?.Trim()))
        {
            return ApiProblems.Invalid($"email: '{request.Email}' is not an e-mail address (name@example.com).");
        }
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (link.PasswordHash is not null)
        {
            if (attempts.WaitBeforeTrying(link.Id, address) is { } wait)
            {
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ApiProblems.Make("too-many-share-passwords", "Too many wrong passwords.",
                    $"This link (or this address) had too many wrong passwords; try again in {Wait(seconds)}.", StatusCodes.Status429TooManyRequests);
            }
            if (string.IsNullOrEmpty(request.Password)
                || new PasswordHasher<ShareLink>().VerifyHashedPassword(link, link.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
            {
                attempts.Failed(link.Id, address);
                return ApiProblems.Make("wrong-share-password", "That is not the link's password.",
                    string.IsNullOrEmpty(request.Password)
                        ? "This link has a password: type the one whoever sent the link gave you (it is never in the link itself)."
                        : "The password does not match. Check it with whoever sent you the link.",
                    StatusCodes.Status401Unauthorized);
            }
        }
        var session = new ShareSession
        {
            Id = Guid.NewGuid(),
            LinkId = link.Id,
            GuestName = request.Name!.Trim(),
            GuestEmail = request.Email!.Trim(),
            Address = address,
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 512)] : null,
            OpenedAt = now,
            LastSeenAt = now,
        };
        db.ShareSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        GuestAuthentication.Issue(http, protection, token, session.Id, link.ExpiresAt);
        if (audit is not null)
        {
            audit.Detail = $"share {link.Id} opened by {session.GuestName} <{session.GuestEmail}>";
        }
        return TypedResults.Ok(ViewOf(new Guest(session, link)));
    }

    /// <summary>Room for " (guest)" after the name within the comment author's length.</summary>
    public const int GuestNameLength = Mam.Contracts.Limits.NameLength - 28;

    private static string Wait(int seconds) => seconds < 90 ? $"{seconds} seconds" : $"{Math.Ceiling(seconds / 60.0)} minutes";

    private static GuestView ViewOf(Guest guest) =>
        new(guest.Session.GuestName, guest.Session.GuestEmail, ShareTokens.Names(guest.Link.Rights), guest.Link.ExpiresAt, guest.Link.CreatedBy);

    private static async Task<Ok<List<GuestClipView>>> ClipsAsync(string token, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var guest = Guest.Of(http)!;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var clips = await db.Assets.AsNoTracking().Where(a => guest.Link.Assets.Contains(a.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var proxies = await db.Renditions.AsNoTracking().Where(r => guest.Link.Assets.Contains(r.AssetId) && r.Kind == RenditionKind.Proxy).Select(r => r.AssetId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var root = "/share/" + token + "/api/clips/";
        return TypedResults.Ok(guest.Link.Assets.Select(id => clips.FirstOrDefault(c => c.Id == id)).OfType<Asset>().Select(c => new GuestClipView(
            c.Id, c.ClipName, c.Technical?.DurationSeconds,
            c.Technical is { FrameRateNumerator: { } n, FrameRateDenominator: { } d } ? $"{n}/{d}" : null, c.Technical?.StartTimecode,
            proxies.Contains(c.Id) ? root + c.Id + "/proxy" : null,
            proxies.Contains(c.Id) && guest.May(ShareRights.DownloadProxy) ? root + c.Id + "/proxy/download" : null,
            guest.May(ShareRights.DownloadOriginal) ? root + c.Id + "/original" : null)).ToList());
    }

    private static async Task<Results<Ok<List<CommentView>>, ProblemHttpResult>> CommentsAsync(Guid assetId, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return ApiProblems.NotFound($"This link does not share a clip {assetId}.");
        }
        var clock = CommentClock.For(asset);
        var comments = await CommentEndpoints.InOrderAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(comments.Select(c => CommentViews.View(c, clock)).ToList());
    }

    private static async Task<Results<Created<CommentView>, ProblemHttpResult>> CommentAsync(
        string token, Guid assetId, CommentRequest request, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, ProjectActivity activity, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var guest = Guest.Of(http)!;
        var author = new CommentEndpoints.CommentAuthor(null, guest.Author, guest.Session.GuestEmail);
        var (view, problem) = await CommentEndpoints.WriteAsync(assetId, request, author, http, catalog, activity, clock, cancellationToken).ConfigureAwait(false);
        return view is not null ? TypedResults.Created($"/share/{token}/api/clips/{assetId}/comments", view) : problem!;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadProxyAsync(
        Guid assetId, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, IObjectStore store, RenditionRepairs repairs, CancellationToken cancellationToken)
    {
        var result = await RenditionEndpoints.StreamAsync(assetId, RenditionKind.Proxy, catalog, store, repairs, cancellationToken, http).ConfigureAwait(false);
        if (result.Result is FileStreamHttpResult file)
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var name = await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => a.ClipName).SingleAsync(cancellationToken).ConfigureAwait(false);
            return TypedResults.Stream(file.FileStream, file.ContentType, name + " (proxy).mp4", enableRangeProcessing: file.EnableRangeProcessing);
        }
        return result;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadOriginalAsync(
        Guid assetId, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, IObjectStore store, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var file = await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Join(db.CardFiles, a => a.SourceFileId, f => f.Id, (a, f) => new { f.StorageKey, f.RelativePath })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return ApiProblems.NotFound($"Clip {assetId} has no original in the catalog.");
        }
        try
        {
            var stream = await store.OpenReadAsync(file.StorageKey, cancellationToken).ConfigureAwait(false);
            if (http.Audit() is { } audit)
            {
                audit.AssetId = assetId;
                audit.Detail = "original " + file.RelativePath;
                stream = new CountingStream(stream, audit);
            }
            return TypedResults.Stream(stream, "application/octet-stream", Path.GetFileName(file.RelativePath), enableRangeProcessing: stream.CanSeek);
        }
        catch (ObjectNotFoundException)
        {
            return ApiProblems.Make("original-unavailable", "The original is not in storage now.",
                $"The original of clip {assetId} is not in online storage (it may be in the archive tier). Ask whoever sent the link.", StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WatchedAsync(
        Guid assetId, GuestWatchedRequest request, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var guest = Guest.Of(http)!;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var duration = await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => a.Technical!.DurationSeconds).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (WatchedRanges.Check(request.Ranges, duration, out var problem) is not { } ranges)
        {
            return ApiProblems.Invalid(problem!);
        }
        var watch = await db.ShareWatches.SingleOrDefaultAsync(w => w.SessionId == guest.Session.Id && w.AssetId == assetId, cancellationToken).ConfigureAwait(false);
        if (watch is null)
        {
            watch = new ShareWatch { Id = Guid.NewGuid(), SessionId = guest.Session.Id, AssetId = assetId };
            db.ShareWatches.Add(watch);
        }
        WatchedRanges.Add(watch, ranges);
        watch.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two reports of the first seconds at once (the page left while a timer fired): the other made the row; this one is added to it.
            db.ChangeTracker.Clear();
            var existing = await db.ShareWatches.SingleAsync(w => w.SessionId == guest.Session.Id && w.AssetId == assetId, cancellationToken).ConfigureAwait(false);
            WatchedRanges.Add(existing, ranges);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        return TypedResults.NoContent();
    }

    private static async Task<ShareLink?> LinkAsync(string token, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        if (!ShareTokens.LooksValid(token))
        {
            return null;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hash = ShareTokens.Hash(token);
        return await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken).ConfigureAwait(false);
    }
}
