using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Review.Activity;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Review;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review;

/// <summary>Frame-accurate review comments on a clip: reading needs the read right on its project,
/// writing the review right. Outside the project the clip answers as missing.</summary>
public static class CommentEndpoints
{
    /// <summary>The media type of a W3C Web Annotation answer (https://www.w3.org/TR/annotation-protocol/#annotation-retrieval).</summary>
    public const string AnnotationMediaType = "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"";

    public static IEndpointRouteBuilder MapCommentEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/assets/{id:guid}").WithTags("Review").RequireAssetRight(Right.Read);
        read.MapGet("/comments", ListAsync)
            .WithSummary("The clip's comments in time order, replies after their thread; with Accept: application/ld+json, as a W3C Web Annotation collection");
        read.MapCommentExports();

        var review = app.MapGroup("/api/assets/{id:guid}").WithTags("Review").RequireAssetRight(Right.Review);
        review.MapPost("/comments", AddAsync).Audited(AuditActions.Comment)
            .WithSummary("Comment on a frame or a range (frames from the clip's first frame, or its timecodes), with an optional drawing; or reply to a comment");
        review.MapPatch("/comments/{commentId:guid}", ChangeAsync).Audited(AuditActions.Comment)
            .WithSummary("Resolve or reopen a comment, or correct its text (its author only)");
        review.MapCommentImport();
        return app;
    }

    private static async Task<IResult> ListAsync(Guid id, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var clock = CommentClock.For(asset);
        var comments = await InOrderAsync(db, id, cancellationToken).ConfigureAwait(false);
        var accept = http.Request.Headers.Accept.ToString();
        if (accept.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase))
        {
            var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
            return TypedResults.Text(CommentViews.Annotations(id, comments, clock, origin).ToJsonString(), AnnotationMediaType);
        }
        return TypedResults.Ok(comments.Select(c => CommentViews.View(c, clock)).ToList());
    }

    /// <summary>Threads by their first frame, each followed by its replies in the order they were written.</summary>
    internal static async Task<List<Comment>> InOrderAsync(CatalogDbContext db, Guid assetId, CancellationToken cancellationToken)
    {
        var all = await db.Comments.AsNoTracking().Where(c => c.AssetId == assetId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var replies = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        return all.Where(c => c.ParentId is null)
            .OrderBy(c => c.InFrame).ThenBy(c => c.OutFrame).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .SelectMany(c => replies[c.Id].OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Prepend(c))
            .ToList();
    }

    private static async Task<Results<Created<CommentView>, ProblemHttpResult>> AddAsync(
        Guid id, CommentRequest request, HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, ProjectActivity activity, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var (view, problem) = await WriteAsync(id, request, new CommentAuthor(caller.PersonId, caller.Name, null), http, catalog, activity, clock, cancellationToken).ConfigureAwait(false);
        return view is not null ? TypedResults.Created(view.Url, view) : problem!;
    }

    /// <summary>Who writes a comment: one of the project's people, or a guest of a share link (no person id; the e-mail they gave is kept).</summary>
    internal sealed record CommentAuthor(Guid? PersonId, string Name, string? GuestEmail);

    /// <summary>Checks and stores a comment (or a reply) and tells the project: the one way comments are
    /// written, by the project's people and by guests alike.</summary>
    internal static async Task<(CommentView? View, ProblemHttpResult? Problem)> WriteAsync(
        Guid id, CommentRequest request, CommentAuthor author, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, ProjectActivity activity, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (asset is null)
        {
            return (null, ApiProblems.NotFound($"There is no asset {id}."));
        }
        var clip = CommentClock.For(asset);
        Comment? parent = null;
        if (request.ReplyTo is { } replyTo)
        {
            parent = await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == replyTo && c.AssetId == id, cancellationToken).ConfigureAwait(false);
            if (parent is null)
            {
                return (null, ApiProblems.Invalid($"replyTo: there is no comment {replyTo} on {asset.ClipName}."));
            }
        }
        var drawing = CommentRules.Drawing(request.Drawing, out var problem);
        var text = drawing is null ? null : CommentRules.Text(request.Text, drawing.Count > 0, out problem);
        var place = text is null ? null : CommentRules.Place(request, clip, parent is null ? null : (parent.InFrame, parent.OutFrame), out problem);
        if (place is not { } frames)
        {
            return (null, ApiProblems.Invalid(problem!));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var comment = new Comment
        {
            Id = Guid.NewGuid(),
            AssetId = id,
            // Replies to a reply join the thread: one level, as review tools show them.
            ParentId = parent?.ParentId ?? parent?.Id,
            AuthorId = author.PersonId,
            Author = author.Name,
            GuestEmail = author.GuestEmail,
            Text = text!,
            InFrame = frames.In,
            OutFrame = frames.Out,
            RateNumerator = clip.Markers.Rate.Numerator,
            RateDenominator = clip.Markers.Rate.Denominator,
            Status = CommentStatus.Open,
            Mentions = CommentRules.Mentions(text!),
            Drawing = drawing!,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Comments.Add(comment);
        await AnnounceAsync(db, activity, asset, comment, clip, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Note(http, asset, $"comment {comment.Id} at {clip.Label(comment.InFrame)}");
        return (CommentViews.View(comment, clip), null);
    }

    private static async Task<Results<Ok<CommentView>, ProblemHttpResult>> ChangeAsync(
        Guid id, Guid commentId, CommentChange change, HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        var comment = asset is null ? null : await db.Comments.SingleOrDefaultAsync(c => c.Id == commentId && c.AssetId == id, cancellationToken).ConfigureAwait(false);
        if (asset is null || comment is null)
        {
            return ApiProblems.NotFound($"There is no comment {commentId} on asset {id}.");
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var now = clock.GetUtcNow().UtcDateTime;
        if (change.Status is { } status)
        {
            if (!Enum.TryParse<CommentStatus>(status, ignoreCase: true, out var next) || !Enum.IsDefined(next) || int.TryParse(status, out _))
            {
                return ApiProblems.Invalid("status must be open or resolved.");
            }
            if (next != comment.Status)
            {
                comment.Status = next;
                comment.ResolvedBy = next == CommentStatus.Resolved ? caller.Name : null;
                comment.ResolvedAt = next == CommentStatus.Resolved ? now : null;
            }
        }
        if (change.Text is not null)
        {
            if (comment.AuthorId != caller.PersonId)
            {
                return ApiProblems.Make("not-your-comment", "Only its author can change a comment's text.",
                    $"{comment.Author} wrote this comment; reply to it instead.", StatusCodes.Status403Forbidden);
            }
            var text = CommentRules.Text(change.Text, comment.Drawing.Count > 0, out var problem);
            if (text is null)
            {
                return ApiProblems.Invalid(problem!);
            }
            comment.Text = text;
            comment.Mentions = CommentRules.Mentions(text);
        }
        comment.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var clip = CommentClock.For(asset);
        Note(http, asset, $"comment {comment.Id} {(change.Status is null ? "edited" : comment.Status.ToString().ToLowerInvariant())}");
        return TypedResults.Ok(CommentViews.View(comment, clip));
    }

    /// <summary>The comment in the project's activity, and a mention for each member named with @.</summary>
    private static async Task AnnounceAsync(CatalogDbContext db, ProjectActivity activity, Asset asset, Comment comment, CommentClock clip, CancellationToken cancellationToken)
    {
        var projectId = await db.Cards.AsNoTracking().Where(c => c.Id == asset.CardId).Select(c => c.ProjectId).SingleAsync(cancellationToken).ConfigureAwait(false);
        var text = comment.Text.Length > 200 ? comment.Text[..199] + "…" : comment.Text;
        var position = clip.Seconds(comment.InFrame);
        (await activity.AddAsync(db, projectId, "comment", asset.Id, comment.Author, $"{comment.Author} commented on {asset.ClipName} at {clip.Label(comment.InFrame)}: {text}", cancellationToken)
            .ConfigureAwait(false)).Position = position;
        if (comment.Mentions.Count == 0)
        {
            return;
        }
        var named = await db.ProjectMemberships.AsNoTracking().Where(m => m.ProjectId == projectId)
            .Select(m => new { m.PersonId, m.Person!.UserName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var member in named.Where(m => m.UserName is not null && comment.Mentions.Contains(m.UserName.ToLowerInvariant())))
        {
            (await activity.AddAsync(db, projectId, "mention", asset.Id, comment.Author, $"{comment.Author} mentioned you on {asset.ClipName} at {clip.Label(comment.InFrame)}: {text}",
                cancellationToken, member.PersonId).ConfigureAwait(false)).Position = position;
        }
    }

    internal static void Note(HttpContext http, Asset asset, string detail)
    {
        if (http.Audit() is { } audit)
        {
            audit.AssetId = asset.Id;
            audit.Detail = detail;
        }
    }
}
