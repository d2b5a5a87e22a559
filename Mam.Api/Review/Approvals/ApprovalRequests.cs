using System.Globalization;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Review.Activity;
using Mam.Api.Review.Gates;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Approvals;

/// <param name="Approvers">User names; none: the cut's stage approvers who have not approved its latest version yet.</param>
public sealed record ApprovalAskRequest(IReadOnlyList<string>? Approvers, string? Note);

public sealed record ApprovalRequestView(long Event, Guid Asset, IReadOnlyList<string> Approvers, string Text);

/// <summary>"Please approve this": an editor asks named reviewers (or the stage's approvers still to
/// decide) to approve a clip's latest version; a new version added to a stack at a stage asks that
/// stage's approvers by itself. Either is an <c>approval-requested</c> event of the project (the tray,
/// the digest, webhooks).</summary>
public static class ApprovalRequests
{
    public const int MaxNote = 2000;

    public static IEndpointRouteBuilder MapApprovalRequestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/assets/{id:guid}/approval-requests", RequestAsync).WithTags("Review").RequireAssetRight(Right.Review).Audited(AuditActions.Comment)
            .WithSummary("Ask reviewers to approve the clip's latest version (named, or the stage's approvers still to decide)");
        return app;
    }

    private static async Task<Results<Ok<ApprovalRequestView>, ProblemHttpResult>> RequestAsync(
        Guid id, ApprovalAskRequest request, HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, ProjectActivity activity, CancellationToken cancellationToken)
    {
        if (request.Note is { Length: > MaxNote })
        {
            return ApiProblems.Invalid(string.Create(CultureInfo.InvariantCulture, $"note: at most {MaxNote} characters."));
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var clip = await db.Assets.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.ClipName, a.Card!.ProjectId }).SingleAsync(cancellationToken).ConfigureAwait(false);
        var gate = await ReviewGates.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (gate is not null && gate.Latest.AssetId != id)
        {
            return ApiProblems.Make("not-latest-version", "Only the latest version can be approved.",
                string.Create(CultureInfo.InvariantCulture, $"{gate.Latest.ClipName} (version {gate.Latest.Number}) is the latest version of this stack: ask for approval there."), StatusCodes.Status409Conflict);
        }
        List<string> approvers;
        if (request.Approvers is { Count: > 0 } named)
        {
            var names = named.Select(n => n?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (names.Count > 50 || names.Any(n => n.Length is 0 or > 256))
            {
                return ApiProblems.Invalid("approvers: from 1 to 50 user names.");
            }
            var members = await db.ProjectMemberships.AsNoTracking().Where(m => m.ProjectId == clip.ProjectId)
                .Select(m => new { m.Person!.UserName, m.Role }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var reviewers = members.Where(m => RoleRights.Has(m.Role, Right.Review)).Select(m => m.UserName ?? "").ToList();
            var unknown = names.Where(n => !reviewers.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
            {
                return ApiProblems.Invalid($"approvers: {string.Join(", ", unknown)} cannot approve here (only members of the project with the review right can); nobody was asked.");
            }
            approvers = names;
        }
        else
        {
            approvers = gate?.Approvers.Where(a => a.Decision is not ("approved" or "approved-with-changes")).Select(a => a.UserName).ToList() ?? [];
            if (approvers.Count == 0)
            {
                return ApiProblems.Invalid(gate?.Stage is null
                    ? "approvers: name who should approve (the project has no review stages, or this clip is in no version stack)."
                    : $"approvers: every approver at '{gate.Stage.Name}' has approved already; name who else should approve.");
            }
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var text = $"{caller.Name} asks {string.Join(", ", approvers)} to approve {clip.ClipName}"
            + (gate?.Stage is { } stage ? $" at '{stage.Name}'" : "")
            + (string.IsNullOrWhiteSpace(request.Note) ? "" : ": " + request.Note.Trim());
        var item = await activity.AddAsync(db, clip.ProjectId, "approval-requested", id, caller.Name, text, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ApprovalRequestView(item.Id, id, approvers, text));
    }

    /// <summary>A new version at a stage asks that stage's approvers by itself (the cut changed: their
    /// approvals of the earlier version do not carry over).</summary>
    public static async Task AnnounceNewVersionAsync(CatalogDbContext db, ProjectActivity activity, Guid newer, int number, string addedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(activity);
        var gate = await ReviewGates.OfAsync(db, newer, cancellationToken).ConfigureAwait(false);
        if (gate?.Stage is not { } stage || gate.Approvers.Count == 0)
        {
            return;
        }
        var clip = await db.Assets.AsNoTracking().Where(a => a.Id == newer).Select(a => new { a.ClipName, a.Card!.ProjectId }).SingleAsync(cancellationToken).ConfigureAwait(false);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{addedBy} added {clip.ClipName} as version {number}: approval at '{stage.Name}' requested from {string.Join(", ", gate.Approvers.Select(a => a.UserName))}");
        await activity.AddAsync(db, clip.ProjectId, "approval-requested", newer, addedBy, text, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
