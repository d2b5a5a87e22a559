using System.Net.Mail;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Mam.Catalog.Model;
using Mam.Contracts;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Review.Shares;

/// <summary>Share links for the project's people. Making and withdrawing one needs the manage right:
/// a link lets someone outside the company see unreleased footage, the same decision as letting
/// someone into the project, so it is the project administrator's, not every reviewer's. Reading the
/// links and their access log needs the review right: the people reviewing the cut want to know
/// whether the client watched it.</summary>
public static class ShareEndpoints
{
    public const int MaxClips = 100;

    public static IEndpointRouteBuilder MapShareEndpoints(this IEndpointRouteBuilder app)
    {
        var manage = app.MapGroup("/api/projects/{project}/shares").WithTags("Review").RequireAuthorization(Policies.Manage);
        manage.MapPost("/", CreateAsync).Audited(AuditActions.ShareCreated)
            .WithSummary("Share clips with one person outside the project: rights chosen one by one, an expiry, an optional password; the link is shown once");
        manage.MapDelete("/{shareId:guid}", RevokeAsync).Audited(AuditActions.ShareRevoked)
            .WithSummary("Withdraw a share link: its open guest sessions end at their next request");

        var read = app.MapGroup("/api/projects/{project}/shares").WithTags("Review").RequireAuthorization(Policies.Review);
        read.MapGet("/", ListAsync).WithSummary("The project's share links, newest first, with their state, openings and seconds watched (never the link itself)");
        read.MapGet("/{shareId:guid}/access", ShareAccessLog.OfLinkAsync)
            .WithSummary("Who opened the link, when and from where, and what each person watched: seconds, merged stretches and a per-second heat-map");
        app.MapGet("/api/assets/{id:guid}/share-access", ShareAccessLog.OfClipAsync).WithTags("Review").RequireAssetRight(Right.Review)
            .WithSummary("What guests of every share link watched of this clip, per person: seconds, merged stretches and a per-second heat-map");
        return app;
    }

    private static async Task<Results<Created<ShareView>, ProblemHttpResult>> CreateAsync(
        string project, ShareRequest request, HttpContext http, Callers callers, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog,
        IOptions<ShareOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (Check(request, options.Value, now, out var rights, out var expires) is { } problem)
        {
            return ApiProblems.Invalid(problem);
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projectId = await db.Projects.AsNoTracking().Where(p => p.Name == project).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        var clips = request.Clips!.Distinct().ToList();
        var inProject = await db.Assets.AsNoTracking().Where(a => clips.Contains(a.Id) && a.Card!.ProjectId == projectId).Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (clips.Where(c => !inProject.Contains(c)).Select(c => (Guid?)c).FirstOrDefault() is { } missing)
        {
            // The same words whether the clip is in another project or nowhere: ids cannot be probed.
            return ApiProblems.Invalid($"clips: there is no clip {missing} in '{project}'. A link shares clips of one project.");
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var token = ShareTokens.New();
        var link = new ShareLink
        {
            Id = Guid.NewGuid(),
            ProjectId = projectId,
            TokenHash = ShareTokens.Hash(token),
            RecipientName = request.RecipientName!.Trim(),
            RecipientEmail = request.RecipientEmail!.Trim(),
            Rights = rights,
            Assets = clips,
            CreatedById = caller.PersonId,
            CreatedBy = caller.Name,
            CreatedAt = now,
            ExpiresAt = expires,
        };
        if (!string.IsNullOrEmpty(request.Password))
        {
            link.PasswordHash = new PasswordHasher<ShareLink>().HashPassword(link, request.Password);
        }
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Note(http, link, $"share {link.Id} for {link.RecipientName} <{link.RecipientEmail}>: {clips.Count} clip(s), {string.Join(", ", ShareTokens.Names(rights))}, until {expires:yyyy-MM-dd HH:mm}Z{(link.PasswordHash is null ? "" : ", with a password")}");
        var view = View(project, link, 0, 0, now) with { Url = "/share/" + token };
        return TypedResults.Created($"/api/projects/{Uri.EscapeDataString(project)}/shares/{link.Id}", view);
    }

    private static string? Check(ShareRequest request, ShareOptions options, DateTime now, out ShareRights rights, out DateTime expires)
    {
        rights = ShareRights.View;
        expires = now + options.DefaultLifetime;
        if (!IsPersonName(request.RecipientName, Limits.NameLength))
        {
            return $"recipientName: the person the link is for, 1–{Limits.NameLength} characters without control characters.";
        }
        if (!IsEmail(request.RecipientEmail))
        {
            return $"recipientEmail: '{request.RecipientEmail}' is not an e-mail address (name@example.com, at most {ShareLimits.Email} characters).";
        }
        if (request.Clips is not { Count: > 0 } || request.Clips.Count > MaxClips)
        {
            return $"clips: name the clips (versions) to share, 1 to {MaxClips}.";
        }
        foreach (var name in request.Rights ?? [])
        {
            if (!ShareTokens.RightNames.TryGetValue(name?.Trim().ToLowerInvariant() ?? "", out var right))
            {
                return $"rights: '{name}' is not a share right; choose from {string.Join(", ", ShareTokens.RightNames.Keys)}.";
            }
            rights |= right;
        }
        if (request.ExpiresAt is { } at)
        {
            var max = now + options.MaxLifetime;
            if (at.UtcDateTime <= now)
            {
                return $"expiresAt: {at:yyyy-MM-dd HH:mm}Z is already past; a link must expire in the future.";
            }
            if (at.UtcDateTime > max)
            {
                return $"expiresAt: a share link lives at most {options.MaxLifetime.TotalDays:0.#} days (until {max:yyyy-MM-dd HH:mm}Z); choose an earlier date, and make a new link later if needed.";
            }
            expires = at.UtcDateTime;
        }
        if (request.Password is { Length: > 0 } password && (password.Length < 8 || password.Length > 128))
        {
            return "password: at least 8 and at most 128 characters (or none).";
        }
        return null;
    }

    /// <summary>A name as a person gives it: anything printable (markup included: it is shown as text everywhere).</summary>
    internal static bool IsPersonName(string? value, int max) =>
        value?.Trim() is { Length: > 0 } trimmed && trimmed.Length <= max && !trimmed.Any(char.IsControl);

    internal static bool IsEmail(string? value) =>
        value is { Length: > 0 and <= ShareLimits.Email } && value.Trim() == value && MailAddress.TryCreate(value, out var address)
        && string.Equals(address.Address, value, StringComparison.Ordinal) && !value.Any(char.IsControl);

    private static async Task<Results<Ok<List<ShareView>>, ProblemHttpResult>> ListAsync(
        string project, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Review, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var links = await db.ShareLinks.AsNoTracking().Where(l => db.Projects.Any(p => p.Id == l.ProjectId && p.Name == project))
            .OrderByDescending(l => l.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = links.Select(l => l.Id).ToList();
        var opens = await db.ShareSessions.AsNoTracking().Where(s => ids.Contains(s.LinkId)).GroupBy(s => s.LinkId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var watched = (await db.ShareWatches.AsNoTracking().Join(db.ShareSessions.Where(s => ids.Contains(s.LinkId)), w => w.SessionId, s => s.Id, (w, s) => new { s.LinkId, w.Seconds })
            .ToListAsync(cancellationToken).ConfigureAwait(false)).GroupBy(w => w.LinkId).ToDictionary(g => g.Key, g => g.Sum(w => w.Seconds));
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(links.Select(l => View(project, l, opens.GetValueOrDefault(l.Id), watched.GetValueOrDefault(l.Id), now)).ToList());
    }

    private static async Task<Results<Ok<ShareView>, ProblemHttpResult>> RevokeAsync(
        string project, Guid shareId, HttpContext http, Callers callers, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var link = await db.ShareLinks.SingleOrDefaultAsync(l => l.Id == shareId && db.Projects.Any(p => p.Id == l.ProjectId && p.Name == project), cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return ApiProblems.NotFound($"There is no share link {shareId} in '{project}'.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (link.RevokedAt is null)
        {
            var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
            link.RevokedAt = now;
            link.RevokedBy = caller.Name;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        Note(http, link, $"share {link.Id} for {link.RecipientName} <{link.RecipientEmail}> withdrawn");
        return TypedResults.Ok(View(project, link, 0, 0, now));
    }

    private static ShareView View(string project, ShareLink l, int opens, double seconds, DateTime now) => new(
        l.Id, l.RecipientName, l.RecipientEmail, l.Assets, ShareTokens.Names(l.Rights), l.PasswordHash is not null, l.CreatedBy, l.CreatedAt, l.ExpiresAt,
        l.RevokedAt, l.RevokedBy, ShareLinkState.Of(l, now), opens, Math.Round(seconds, 1),
        $"/api/projects/{Uri.EscapeDataString(project)}/shares/{l.Id}/access", null);

    private static void Note(HttpContext http, ShareLink link, string detail)
    {
        if (http.Audit() is { } audit)
        {
            audit.AssetId = link.Assets.Count == 1 ? link.Assets[0] : null;
            audit.Detail = detail;
        }
    }
}
