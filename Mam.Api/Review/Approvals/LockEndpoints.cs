using System.Globalization;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Mam.Catalog.Model;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Approvals;

/// <summary>Locking the approved version of a cut. A project manager locks the latest version once it is
/// approved; while locked, no version can be stacked on it and no decision given on it (so no approval
/// can be given or taken back by a later rejection). Comments stay open (notes to colour or the mix go on
/// a locked picture) and the gate still advances on the approvals already given. Unlocking is the
/// manager's too, and both are in the audit trail and the project's activity.</summary>
public static class LockEndpoints
{
    public static IEndpointRouteBuilder MapLockEndpoints(this IEndpointRouteBuilder app)
    {
        var manage = app.MapGroup("/api/assets/{id:guid}/lock").WithTags("Review").RequireAssetRight(Right.Manage);
        manage.MapPost("", LockAsync).Audited(AuditActions.Approve)
            .WithSummary("Lock the cut's approved latest version: no new version, no new decision on it (project managers)");
        manage.MapDelete("", UnlockAsync).Audited(AuditActions.Approve)
            .WithSummary("Unlock the cut, so that versions can be added and decisions given again (project managers)");
        return app;
    }

    private static async Task<Results<Ok<LockView>, ProblemHttpResult>> LockAsync(
        Guid id, LockRequest? request, HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, Activity.ProjectActivity activity,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (note is { Length: > ReviewLimits.Text })
        {
            return ApiProblems.Invalid($"A note may be at most {ReviewLimits.Text:N0} characters.");
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (stack, versions) = await VersionStacks.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        var version = versions.SingleOrDefault(v => v.AssetId == id);
        if (version is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var gate = await db.StackGates.SingleOrDefaultAsync(g => g.StackId == stack, cancellationToken).ConfigureAwait(false);
        if (VersionLocks.View(gate, versions) is { } already)
        {
            return ApiProblems.Make("already-locked", "This cut is already locked.",
                string.Create(CultureInfo.InvariantCulture, $"{already.By} locked version {already.Version} ({already.ClipName}) already."), StatusCodes.Status409Conflict);
        }
        var latest = versions.MaxBy(v => v.Number)!;
        if (latest.AssetId != id)
        {
            return ApiProblems.Make("not-latest-version", "Only the latest version can be locked.",
                string.Create(CultureInfo.InvariantCulture, $"{version.ClipName} is version {version.Number}; the latest is version {latest.Number} ({latest.ClipName})."),
                StatusCodes.Status409Conflict);
        }
        var decisions = await db.Approvals.AsNoTracking().Where(a => a.AssetId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (VersionLocks.NotApprovedBecause(decisions, version) is { } why)
        {
            return ApiProblems.Make("not-approved", "Only an approved version can be locked.", why, StatusCodes.Status409Conflict);
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        if (gate is null)
        {
            gate = new StackGate { StackId = stack };
            db.StackGates.Add(gate);
        }
        gate.LockedVersion = version.Number;
        gate.LockedBy = caller.Name;
        gate.LockedAt = clock.GetUtcNow().UtcDateTime;
        gate.LockNote = note;
        var projectId = await db.Assets.AsNoTracking().Where(a => a.Id == id).Select(a => a.Card!.ProjectId).SingleAsync(cancellationToken).ConfigureAwait(false);
        var words = string.Create(CultureInfo.InvariantCulture, $"locked version {version.Number} of {version.ClipName}");
        await activity.AddAsync(db, projectId, "version-locked", id, caller.Name, $"{caller.Name} {words}{(note is null ? "" : $": {note}")}", cancellationToken).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict("Someone changed this cut's gate at the same moment; look at it and try again.");
        }
        if (http.Audit() is { } audit)
        {
            audit.AssetId = id;
            audit.Detail = words;
        }
        return TypedResults.Ok(VersionLocks.View(gate, versions)!);
    }

    private static async Task<Results<Ok<LockView>, ProblemHttpResult>> UnlockAsync(
        Guid id, HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, Activity.ProjectActivity activity, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (stack, versions) = await VersionStacks.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        var version = versions.SingleOrDefault(v => v.AssetId == id);
        if (version is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var gate = await db.StackGates.SingleOrDefaultAsync(g => g.StackId == stack, cancellationToken).ConfigureAwait(false);
        if (gate?.LockedVersion is not { } locked)
        {
            return ApiProblems.Make("not-locked", "This cut is not locked.", $"No version of {version.ClipName}'s stack is locked; there is nothing to unlock.", StatusCodes.Status409Conflict);
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var before = VersionLocks.View(gate, versions)!;
        gate.LockedVersion = null;
        gate.LockedBy = null;
        gate.LockedAt = null;
        gate.LockNote = null;
        var projectId = await db.Assets.AsNoTracking().Where(a => a.Id == id).Select(a => a.Card!.ProjectId).SingleAsync(cancellationToken).ConfigureAwait(false);
        var words = string.Create(CultureInfo.InvariantCulture, $"unlocked version {locked} of {before.ClipName}");
        await activity.AddAsync(db, projectId, "version-unlocked", id, caller.Name, $"{caller.Name} {words}", cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (http.Audit() is { } audit)
        {
            audit.AssetId = id;
            audit.Detail = words;
        }
        return TypedResults.Ok(before with { Locked = false });
    }
}

/// <summary>Body of <c>POST /api/assets/{id}/lock</c>: an optional note (why it is locked, e.g. "picture lock for the mix").</summary>
public sealed record LockRequest(string? Note);

/// <summary>A cut's lock: the version locked, by whom and when.</summary>
public sealed record LockView(bool Locked, int Version, Guid AssetId, string ClipName, string? By, DateTime? At, string? Note);

internal static class VersionLocks
{
    public static LockView? View(StackGate? gate, IReadOnlyList<StackEntry> versions)
    {
        if (gate?.LockedVersion is not { } number)
        {
            return null;
        }
        var version = versions.FirstOrDefault(v => v.Number == number);
        return new LockView(true, number, version?.AssetId ?? Guid.Empty, version?.ClipName ?? "", gate.LockedBy, gate.LockedAt, gate.LockNote);
    }

    /// <summary>Null when the version is approved: a member approved it (with or without changes) and no member's
    /// latest decision on it is a rejection. Guests' decisions are on record but, as at the gates, do not count.</summary>
    public static string? NotApprovedBecause(IReadOnlyList<Approval> decisions, StackEntry version)
    {
        var latest = decisions.Where(a => a.PersonId is not null).GroupBy(a => a.PersonId).Select(g => g.MaxBy(a => a.At)!).ToList();
        if (latest.FirstOrDefault(a => a.Decision == ApprovalDecision.Rejected) is { } rejected)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{rejected.Reviewer} rejected version {version.Number} of {version.ClipName}; it cannot be locked until approved.");
        }
        return latest.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Version {version.Number} of {version.ClipName} has no approval yet; it cannot be locked until approved.")
            : null;
    }

    /// <summary>The refusal every change to a locked cut answers.</summary>
    public static ProblemHttpResult Refusal(StackGate gate, IReadOnlyList<StackEntry> versions, string what)
    {
        var view = View(gate, versions)!;
        var when = view.At is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";
        return ApiProblems.Make("version-locked", "This cut is locked.",
            string.Create(CultureInfo.InvariantCulture, $"{what}: {view.By} locked version {view.Version} ({view.ClipName}) on {when}. A project manager unlocks it first."),
            StatusCodes.Status409Conflict);
    }

    public static async Task<StackGate?> LockedGateAsync(CatalogDbContext db, Guid stack, CancellationToken cancellationToken) =>
        await db.StackGates.AsNoTracking().SingleOrDefaultAsync(g => g.StackId == stack && g.LockedVersion != null, cancellationToken).ConfigureAwait(false);
}
