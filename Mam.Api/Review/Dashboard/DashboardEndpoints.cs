using Mam.Api.Review.Activity;
using Mam.Api.Review.Gates;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Dashboard;

/// <summary>The producers' view across projects: per project its stages and where its cuts stand, the
/// approvals still to give (the caller's own first), recent activity and the clips failing QC. Only
/// projects the caller may read are looked at, so another project's names never reach the answer.</summary>
public static class DashboardEndpoints
{
    public const int MaxCuts = 100;
    public const int RecentEvents = 10;
    public const int MaxQcFailures = 20;

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", DashboardAsync).WithTags("Review").RequireAuthorization(Policies.Read)
            .WithSummary("Across the projects you may read: stages and where cuts stand, approvals pending (yours first), recent activity, clips failing QC");
        return app;
    }

    private static async Task<Ok<DashboardView>> DashboardAsync(HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var readable = caller.ProjectsWith(Right.Read);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var userName = await db.Users.AsNoTracking().Where(p => p.Id == caller.PersonId).Select(p => p.UserName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var projects = await db.Projects.AsNoTracking().Where(p => readable == null || readable.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<ProjectDashboardView>();
        foreach (var project in projects)
        {
            views.Add(await ProjectAsync(db, project.Id, project.Name, caller.PersonId, userName, cancellationToken).ConfigureAwait(false));
        }
        var pending = views.SelectMany(v => v.Pending).OrderByDescending(p => p.ForYou).ThenBy(p => p.Project, StringComparer.Ordinal).ThenBy(p => p.ClipName, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new DashboardView(pending, views));
    }

    private static async Task<ProjectDashboardView> ProjectAsync(CatalogDbContext db, Guid projectId, string name, Guid personId, string? userName, CancellationToken cancellationToken)
    {
        var stages = await ReviewGates.StagesAsync(db, projectId, cancellationToken).ConfigureAwait(false);
        var cuts = await CutsAsync(db, projectId, cancellationToken).ConfigureAwait(false);
        var shown = new List<CutView>();
        var pending = new List<PendingApprovalView>();
        foreach (var assetId in cuts.Take(MaxCuts))
        {
            if (await ReviewGates.OfAsync(db, assetId, cancellationToken).ConfigureAwait(false) is not { } state)
            {
                continue;
            }
            var locked = await db.StackGates.AsNoTracking().AnyAsync(g => g.StackId == state.Stack && g.LockedVersion != null, cancellationToken).ConfigureAwait(false);
            var waiting = Waiting(state);
            var url = $"/clips/{state.Latest.AssetId}";
            shown.Add(new CutView(state.Stack, state.Latest.AssetId, state.Latest.ClipName, state.Latest.Number, state.Stage?.Name, state.Open, state.Why, locked,
                waiting.Select(w => w.Name).ToList(), url));
            if (state.Stage is { } stage && !locked && waiting.Count > 0)
            {
                pending.Add(new PendingApprovalView(name, state.Latest.AssetId, state.Latest.ClipName, state.Latest.Number, stage.Name, stage.Rule.ToString().ToLowerInvariant(),
                    waiting.Select(w => w.Name).ToList(), waiting.Any(w => w.UserName == userName), url));
            }
        }
        var counts = stages.Select(s => new StageCountView(s.Name, s.Rule.ToString().ToLowerInvariant(), shown.Count(c => c.Stage == s.Name))).ToList();
        var recent = await db.ProjectEvents.AsNoTracking().Where(e => e.ProjectId == projectId && (e.PersonId == null || e.PersonId == personId))
            .OrderByDescending(e => e.Id).Take(RecentEvents).ToListAsync(cancellationToken).ConfigureAwait(false);
        var failing = db.Assets.AsNoTracking().Where(a => a.Card!.ProjectId == projectId && a.Qc != null && a.Qc.Status == QcStatus.Fail);
        var failingCount = await failing.CountAsync(cancellationToken).ConfigureAwait(false);
        var failingShown = await failing.OrderBy(a => a.ClipName).Take(MaxQcFailures).Select(a => new { a.Id, a.ClipName, a.Qc!.Summary }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ProjectDashboardView(name, counts, cuts.Count, shown, pending.OrderByDescending(p => p.ForYou).ToList(),
            recent.Select(e => new ProjectEventView(e.Id, e.Kind, e.AssetId, e.Actor, e.Text, e.At, e.AssetId is { } a ? $"/clips/{a}" : null, e.PersonId == personId)).ToList(),
            failingCount,
            failingShown.Select(f => new QcFailureView(f.Id, f.ClipName, (f.Summary ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), $"/clips/{f.Id}")).ToList(),
            $"/api/projects/{Uri.EscapeDataString(name)}/stages");
    }

    /// <summary>The project's cuts: every clip someone put up for review (stacked as a version, decided on, or
    /// commented), one per version stack, named by a clip of the stack; in clip-name order.</summary>
    private static async Task<List<Guid>> CutsAsync(CatalogDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var inProject = db.Assets.AsNoTracking().Where(a => a.Card!.ProjectId == projectId);
        var stacked = await db.AssetVersions.AsNoTracking().Where(v => inProject.Any(a => a.Id == v.AssetId))
            .Select(v => new { v.StackId, v.AssetId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var reviewed = await inProject.Where(a => db.Approvals.Any(x => x.AssetId == a.Id) || db.Comments.Any(c => c.AssetId == a.Id))
            .Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var stackOf = stacked.ToDictionary(v => v.AssetId, v => v.StackId);
        var one = new Dictionary<Guid, Guid>();
        foreach (var assetId in stacked.Select(v => v.AssetId).Concat(reviewed))
        {
            one.TryAdd(stackOf.GetValueOrDefault(assetId, assetId), assetId);
        }
        var names = await inProject.Where(a => one.Values.Contains(a.Id)).Select(a => new { a.Id, a.ClipName }).ToDictionaryAsync(a => a.Id, a => a.ClipName, cancellationToken).ConfigureAwait(false);
        return one.Values.Where(names.ContainsKey).OrderBy(id => names[id], StringComparer.Ordinal).ToList();
    }

    /// <summary>Who the cut still waits on at its stage: the approvers who have not approved ("all"), or all of
    /// them while nobody has ("any").</summary>
    private static List<ApproverState> Waiting(GateState state)
    {
        static bool Approves(ApproverState s) => s.Decision is "approved" or "approved-with-changes";
        if (state.Stage is not { } stage)
        {
            return [];
        }
        return stage.Rule == GateRule.All ? state.Approvers.Where(s => !Approves(s)).ToList()
            : state.Approvers.Any(Approves) ? [] : state.Approvers.ToList();
    }
}
