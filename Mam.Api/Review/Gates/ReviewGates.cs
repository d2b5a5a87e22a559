using System.Globalization;
using Mam.Api.Review.Approvals;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Gates;

/// <summary>A cut's place in its project's stages, and whether the approvals on its latest version
/// open the gate to the next: every approver's latest decision there for "all", one approval for "any".
/// A later rejection by the same approver takes their approval back.</summary>
internal sealed record GateState(
    IReadOnlyList<ReviewStage> Stages, int Current, Guid Stack, StackEntry Latest, IReadOnlyList<ApproverState> Approvers, bool Open, string Why, StackGate? Gate)
{
    public ReviewStage? Stage => Current < Stages.Count ? Stages[Current] : null;

    public ReviewStage? Next => Current + 1 < Stages.Count ? Stages[Current + 1] : null;
}

internal static class ReviewGates
{
    public static async Task<List<ReviewStage>> StagesAsync(CatalogDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        await db.ReviewStages.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Order).ToListAsync(cancellationToken).ConfigureAwait(false);

    public static async Task<GateState?> OfAsync(CatalogDbContext db, Guid assetId, CancellationToken cancellationToken)
    {
        var (stack, versions) = await VersionStacks.OfAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }
        var projectId = await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => a.Card!.ProjectId).SingleAsync(cancellationToken).ConfigureAwait(false);
        var stages = await StagesAsync(db, projectId, cancellationToken).ConfigureAwait(false);
        var gate = await db.StackGates.AsNoTracking().SingleOrDefaultAsync(g => g.StackId == stack, cancellationToken).ConfigureAwait(false);
        var current = Math.Min(gate?.Stage ?? 0, Math.Max(0, stages.Count - 1));
        var latest = versions.MaxBy(v => v.Number)!;
        if (stages.Count == 0)
        {
            return new GateState(stages, 0, stack, latest, [], false, "This project has no review stages (PUT /api/projects/{project}/stages).", gate);
        }
        var stage = stages[current];
        var people = await db.Users.AsNoTracking().Where(p => stage.Approvers.Contains(p.Id))
            .Select(p => new { p.Id, p.UserName, p.DisplayName }).ToDictionaryAsync(p => p.Id, cancellationToken).ConfigureAwait(false);
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.AssetId == latest.AssetId && a.Stage == stage.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var states = stage.Approvers.Where(people.ContainsKey).Select(id =>
        {
            var last = approvals.Where(a => a.PersonId == id).MaxBy(a => a.At);
            return new ApproverState(people[id].UserName ?? "", people[id].DisplayName, last is null ? null : ApprovalWords.Of(last.Decision), last?.At);
        }).ToList();
        bool Approves(ApproverState s) => s.Decision is "approved" or "approved-with-changes";
        var missing = states.Where(s => !Approves(s)).Select(s => s.Name).ToList();
        var last = current + 1 >= stages.Count;
        var open = !last && (stage.Rule == GateRule.All ? states.Count > 0 && missing.Count == 0 : states.Any(Approves));
        var why = last ? $"'{stage.Name}' is the last stage."
            : open ? $"Version {latest.Number} is approved at '{stage.Name}'; it may advance to '{stages[current + 1].Name}'."
            : stage.Rule == GateRule.All
                ? string.Create(CultureInfo.InvariantCulture, $"At '{stage.Name}' every approver must approve version {latest.Number}; still to approve: {string.Join(", ", missing)}.")
                : string.Create(CultureInfo.InvariantCulture, $"At '{stage.Name}' one approval of version {latest.Number} is needed, from {string.Join(", ", states.Select(s => s.Name))}.");
        return new GateState(stages, current, stack, latest, states, open, why, gate);
    }
}

internal static class ApprovalWords
{
    public static string Of(ApprovalDecision decision) => decision == ApprovalDecision.ApprovedWithChanges ? "approved-with-changes" : decision.ToString().ToLowerInvariant();
}
