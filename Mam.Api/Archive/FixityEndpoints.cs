using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Workers.Audit;
using Mam.Workers.Fixity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Archive;

/// <summary>Fixity audits: ask for one (a project, a card, a clip; every project for administrators)
/// and follow it. The scheduled audit of every project shows here too.</summary>
public static class FixityEndpoints
{
    private const int ReasonLength = 1000;

    public static IEndpointRouteBuilder MapFixityEndpoints(this IEndpointRouteBuilder app)
    {
        var fixity = app.MapGroup("/api/fixity").WithTags("Archive");
        fixity.MapPost("/audits", StartAsync).RequireAuthorization(Policies.Operate).Audited(AuditActions.FixityAudit)
            .WithSummary("Re-read stored originals against their on-set xxh64: a project, a card or a clip (none: every project, administrators only)")
            .WithDescription("Answers 202 with the audit's URL. Never-checked and longest-unchecked copies go first, within Fixity:FilesPerRun and Fixity:GiBPerRun, plus a random Fixity:SamplePercent of the rest, read at most at Fixity:MaxMiBPerSecond.");
        fixity.MapGet("/audits", ListAsync).RequireAuthorization(Policies.Read).WithSummary("Fixity audits of the projects you may read, newest first");
        fixity.MapGet("/audits/{id:guid}", GetAsync).RequireAuthorization(Policies.Read).WithSummary("One fixity audit: progress, report and alert");
        return app;
    }

    private static async Task<Results<Accepted<FixityAuditView>, ProblemHttpResult>> StartAsync(
        FixityAuditRequest request, HttpContext context, Callers callers, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog,
        FixityAudits audits, CancellationToken cancellationToken)
    {
        var named = (string.IsNullOrWhiteSpace(request.Project) ? 0 : 1) + (request.Card is null ? 0 : 1) + (request.Asset is null ? 0 : 1);
        if (named > 1)
        {
            return ApiProblems.Invalid("Name one of project, card or asset (or none, for every project).");
        }
        if (request.Reason is { Length: > ReasonLength })
        {
            return ApiProblems.Invalid($"A reason may be at most {ReasonLength} characters.");
        }
        var scope = await ResolveAsync(request, guard, catalog, cancellationToken).ConfigureAwait(false);
        if (scope.Refused is { } refused)
        {
            return refused;
        }
        context.Audit()?.Project = scope.ProjectName;
        context.Audit()?.AssetId = request.Asset;
        context.Audit()?.Detail = scope.Words + (string.IsNullOrWhiteSpace(request.Reason) ? "" : $": {request.Reason.Trim()}");
        var who = (await callers.OfAsync(context, cancellationToken).ConfigureAwait(false))?.Describe() ?? "unknown";
        var audit = await audits.StartAsync(scope.Scope!, scope.Words, who, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(), cancellationToken).ConfigureAwait(false);
        var view = FixityAuditView.Of(audit);
        return TypedResults.Accepted(view.Url, view);
    }

    private sealed record ResolvedScope(FixityScope? Scope, string Words, string? ProjectName, ProblemHttpResult? Refused);

    /// <summary>The operate right where the audit reads; every project needs a server administrator.
    /// What the caller may not read answers as missing.</summary>
    private static async Task<ResolvedScope> ResolveAsync(FixityAuditRequest request, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (request.Asset is { } assetId)
        {
            if (await guard.CheckAssetAsync(assetId, Right.Operate, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return new(null, "", null, refused);
            }
            var asset = await db.Assets.AsNoTracking().Where(a => a.Id == assetId)
                .Select(a => new { a.ClipName, a.Card!.ProjectId, Project = a.Card.Project!.Name }).SingleAsync(cancellationToken).ConfigureAwait(false);
            return new(new FixityScope(asset.ProjectId, null, assetId), $"clip {asset.ClipName} of {asset.Project}", asset.Project, null);
        }
        if (request.Card is { } cardId)
        {
            var card = await db.Cards.AsNoTracking().Where(c => c.Id == cardId)
                .Select(c => new { c.Name, c.ProjectId, Project = c.Project!.Name }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var refused = card is null ? ApiProblems.NotFound($"There is no card {cardId}.")
                : await guard.CheckAsync(card.ProjectId, card.Project, Right.Operate, cancellationToken).ConfigureAwait(false);
            return refused is not null
                ? new(null, "", null, refused.StatusCode == StatusCodes.Status404NotFound ? ApiProblems.NotFound($"There is no card {cardId}.") : refused)
                : new(new FixityScope(card!.ProjectId, cardId, null), $"card {card.Name} of {card.Project}", card.Project, null);
        }
        if (!string.IsNullOrWhiteSpace(request.Project))
        {
            var name = request.Project.Trim();
            if (await guard.CheckByNameAsync(name, Right.Operate, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return new(null, "", null, refused);
            }
            var projectId = await db.Projects.AsNoTracking().Where(p => p.Name == name).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
            return new(new FixityScope(projectId, null, null), $"project {name}", name, null);
        }
        return await guard.IsAdministratorAsync(cancellationToken).ConfigureAwait(false)
            ? new(FixityScope.Everything, "every project", null, null)
            : new(null, "", null, ApiProblems.Make("right-missing", "You may not do that.",
                "An audit of every project needs a server administrator; name a project, card or asset you may operate on.", StatusCodes.Status403Forbidden));
    }

    private static async Task<Results<Ok<IReadOnlyList<FixityAuditView>>, ProblemHttpResult>> ListAsync(
        HttpContext context, Callers callers, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken, string? project = null, int take = 50)
    {
        if (take is < 1 or > 500)
        {
            return ApiProblems.Invalid("take must be between 1 and 500.");
        }
        var caller = await callers.OfAsync(context, cancellationToken).ConfigureAwait(false);
        var readable = caller?.ProjectsWith(Right.Read);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var audits = db.FixityAudits.AsNoTracking();
        if (readable is not null)
        {
            // An audit of every project reads what the caller may not see: only administrators list it.
            audits = audits.Where(a => a.ProjectId != null && readable.Contains(a.ProjectId.Value));
        }
        if (!string.IsNullOrWhiteSpace(project))
        {
            var name = project.Trim();
            audits = audits.Where(a => db.Projects.Any(p => p.Id == a.ProjectId && p.Name == name));
        }
        var listed = await audits.OrderByDescending(a => a.RequestedAt).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<FixityAuditView>>(listed.Select(FixityAuditView.Of).ToList());
    }

    private static async Task<Results<Ok<FixityAuditView>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, Callers callers, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var caller = await callers.OfAsync(context, cancellationToken).ConfigureAwait(false);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var audit = await db.FixityAudits.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        var visible = audit is not null && caller is not null
            && (caller.IsAdministrator || audit.ProjectId is { } projectId && caller.Can(projectId, Right.Read));
        return visible ? TypedResults.Ok(FixityAuditView.Of(audit!)) : ApiProblems.NotFound($"There is no fixity audit {id}.");
    }
}
