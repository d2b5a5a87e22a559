using System.Globalization;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Mam.Catalog.Model;
using Mam.Contracts;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Gates;

/// <summary>A project's review stages and each cut's gate between them. The stages are the project
/// managers' to set; a cut advances only when its latest version has the approvals its stage asks for.</summary>
public static class GateEndpoints
{
    public const int MaxStages = 20;

    public static IEndpointRouteBuilder MapGateEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects/{project}").WithTags("Review");
        projects.MapGet("/stages", StagesAsync).RequireAuthorization(Policies.Read).WithSummary("The project's review stages in order, with their rule and approvers");
        projects.MapPut("/stages", SetStagesAsync).RequireAuthorization(Policies.Manage).Audited(AuditActions.SettingChanged)
            .WithSummary("Set the project's review stages: names in order, \"all\" or \"any\", and who holds approval authority at each");

        app.MapGet("/api/assets/{id:guid}/gate", GateAsync).WithTags("Review").RequireAssetRight(Right.Read)
            .WithSummary("Where the clip's cut stands: its stage, each approver's decision on the latest version, and whether it may advance");
        app.MapPost("/api/assets/{id:guid}/gate/advance", AdvanceAsync).WithTags("Review").RequireAssetRight(Right.Review).Audited(AuditActions.Approve)
            .WithSummary("Move the cut to the next stage; refused until the stage's approvals are given");
        return app;
    }

    private static async Task<Results<Ok<List<StageView>>, ProblemHttpResult>> StagesAsync(
        string project, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Read, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projectId = await db.Projects.AsNoTracking().Where(p => p.Name == project).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await ViewsAsync(db, projectId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<List<StageView>>, ProblemHttpResult>> SetStagesAsync(
        string project, StagesRequest request, HttpContext http, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        var stages = request.Stages ?? [];
        if (stages.Count is 0 or > MaxStages)
        {
            return ApiProblems.Invalid($"Give the stages in order: from 1 to {MaxStages}.");
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projectId = await db.Projects.AsNoTracking().Where(p => p.Name == project).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        var members = await db.ProjectMemberships.AsNoTracking().Where(m => m.ProjectId == projectId)
            .Select(m => new { m.PersonId, m.Role, m.Person!.UserName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var made = new List<ReviewStage>();
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var which = string.Create(CultureInfo.InvariantCulture, $"Stage {i + 1}");
            var name = stage.Name?.Trim() ?? "";
            if (name.Length is 0 or > Limits.NameLength)
            {
                return ApiProblems.Invalid($"{which} needs a name of at most {Limits.NameLength} characters.");
            }
            if (made.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return ApiProblems.Invalid($"{which}: there is already a stage called '{name}'.");
            }
            if (!Enum.TryParse<GateRule>(stage.Rule, ignoreCase: true, out var rule) || !Enum.IsDefined(rule) || int.TryParse(stage.Rule, out _))
            {
                return ApiProblems.Invalid($"{which} ('{name}'): rule must be \"all\" (every approver) or \"any\" (one of them).");
            }
            var approvers = new List<Guid>();
            foreach (var userName in stage.Approvers ?? [])
            {
                var member = members.FirstOrDefault(m => string.Equals(m.UserName, userName?.Trim(), StringComparison.OrdinalIgnoreCase));
                if (member is null || !RoleRights.Of(member.Role).Contains(Right.Review))
                {
                    return ApiProblems.Invalid($"{which} ('{name}'): {userName} is not a member of {project} with the review right, so cannot approve there.");
                }
                approvers.Add(member.PersonId);
            }
            if (approvers.Count == 0)
            {
                return ApiProblems.Invalid($"{which} ('{name}') needs at least one approver.");
            }
            made.Add(new ReviewStage { Id = Guid.NewGuid(), ProjectId = projectId, Order = i, Name = name, Rule = rule, Approvers = approvers.Distinct().ToList() });
        }
        // Replaced whole: cuts keep their position by number, clamped to the new last stage when read.
        await db.ReviewStages.Where(s => s.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        db.ReviewStages.AddRange(made);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (http.Audit() is { } audit)
        {
            audit.Project = project;
            audit.Detail = "review stages: " + string.Join(" → ", made.Select(s => s.Name));
        }
        return TypedResults.Ok(await ViewsAsync(db, projectId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<GateView>, ProblemHttpResult>> GateAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var state = await ReviewGates.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        return state is null ? ApiProblems.NotFound($"There is no asset {id}.") : TypedResults.Ok(View(state));
    }

    private static async Task<Results<Ok<GateView>, ProblemHttpResult>> AdvanceAsync(
        Guid id, HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, Activity.ProjectActivity activity, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var state = await ReviewGates.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        if (state.Stage is not { } stage)
        {
            return ApiProblems.Make("no-stages", "This project has no review stages.", state.Why, StatusCodes.Status409Conflict);
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var projectId = stage.ProjectId;
        if (!stage.Approvers.Contains(caller.PersonId) && !caller.Can(projectId, Right.Manage))
        {
            return ApiProblems.Make("not-an-approver", "Only an approver of the stage or a project manager advances a cut.",
                $"At '{stage.Name}' the approvers are {string.Join(", ", state.Approvers.Select(a => a.Name))}.", StatusCodes.Status403Forbidden);
        }
        if (!state.Open)
        {
            return ApiProblems.Make("gate-closed", "The cut cannot advance yet.", state.Why, StatusCodes.Status409Conflict);
        }
        var gate = await db.StackGates.SingleOrDefaultAsync(g => g.StackId == state.Stack, cancellationToken).ConfigureAwait(false);
        if (gate is null)
        {
            gate = new StackGate { StackId = state.Stack };
            db.StackGates.Add(gate);
        }
        gate.Stage = state.Current + 1;
        gate.AdvancedBy = caller.Name;
        gate.AdvancedAt = clock.GetUtcNow().UtcDateTime;
        await activity.AddAsync(db, projectId, "gate-advanced", id, caller.Name, $"{caller.Name} advanced {state.Latest.ClipName} from '{stage.Name}' to '{state.Next!.Name}'", cancellationToken)
            .ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (http.Audit() is { } audit)
        {
            audit.AssetId = id;
            audit.Detail = $"advanced from '{stage.Name}' to '{state.Next!.Name}'";
        }
        return TypedResults.Ok(View((await ReviewGates.OfAsync(db, id, cancellationToken).ConfigureAwait(false))!));
    }

    private static GateView View(GateState s) => new(s.Stack, s.Latest.Number, s.Stage?.Name, s.Next?.Name, s.Stage?.Rule.ToString().ToLowerInvariant(), s.Approvers, s.Open, s.Why,
        s.Gate?.AdvancedBy, s.Gate?.AdvancedAt);

    private static async Task<List<StageView>> ViewsAsync(CatalogDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var stages = await ReviewGates.StagesAsync(db, projectId, cancellationToken).ConfigureAwait(false);
        var ids = stages.SelectMany(s => s.Approvers).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new PersonRef(p.Id, p.UserName ?? "", p.DisplayName), cancellationToken).ConfigureAwait(false);
        return stages.Select(s => new StageView(s.Order, s.Name, s.Rule.ToString().ToLowerInvariant(), s.Approvers.Where(people.ContainsKey).Select(a => people[a]).ToList())).ToList();
    }
}
