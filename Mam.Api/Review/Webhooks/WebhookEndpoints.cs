using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Review.Activity;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Webhooks;

public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events);

/// <param name="Secret">Shown once, when the webhook is made: the receiver checks signatures with it.</param>
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, string CreatedBy, DateTime CreatedAt, string DeliveriesUrl, string? Secret);

public sealed record DeliveryView(Guid Id, string MessageId, long Event, string Kind, string State, int Attempts, int? LastStatus, string? LastError,
    DateTime? LastAttemptAt, DateTime? NextAttemptAt, DateTime? DeliveredAt, string RedeliverUrl);

/// <summary>A project's webhooks, for its managers: make one (its secret shown once), list, remove,
/// read the delivery log, send a delivery again.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/projects/{project}/webhooks").WithTags("Review").RequireAuthorization(Policies.Manage);
        hooks.MapPost("/", AddAsync).Audited(AuditActions.SettingChanged).WithSummary("Send the project's events to another system, signed (Standard Webhooks); the secret is shown once");
        hooks.MapGet("/", ListAsync).WithSummary("The project's webhooks (without their secrets)");
        hooks.MapDelete("/{webhookId:guid}", RemoveAsync).Audited(AuditActions.SettingChanged).WithSummary("Stop sending to a webhook");
        hooks.MapGet("/{webhookId:guid}/deliveries", DeliveriesAsync).WithSummary("The delivery log, newest first: attempts, last status or error, next attempt");
        hooks.MapPost("/{webhookId:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverAsync).Audited(AuditActions.SettingChanged)
            .WithSummary("Send a delivery again now (a failed one gets a fresh round of retries)");
        return app;
    }

    private static async Task<Results<Created<WebhookView>, ProblemHttpResult>> AddAsync(
        string project, WebhookRequest request, HttpContext http, Callers callers, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog,
        IDataProtectionProvider protection, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (!Uri.TryCreate(request.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || request.Url!.Length > 2048)
        {
            return ApiProblems.Invalid("url must be an absolute http or https address (at most 2,048 characters).");
        }
        var events = (request.Events ?? []).Select(e => e.Trim().ToLowerInvariant()).Distinct().ToList();
        if (events.FirstOrDefault(e => !ProjectActivity.Kinds.Contains(e)) is { } unknown)
        {
            return ApiProblems.Invalid($"events: '{unknown}' is not an event; choose from {string.Join(", ", ProjectActivity.Kinds)} (none: all).");
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var projectId = await db.Projects.AsNoTracking().Where(p => p.Name == project).Select(p => p.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        var secret = WebhookSigner.NewSecret();
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var hook = new WebhookEndpoint
        {
            Id = Guid.NewGuid(),
            ProjectId = projectId,
            Url = url.AbsoluteUri,
            ProtectedSecret = protection.CreateProtector(WebhookSender.Purpose).Protect(secret),
            Events = events,
            CreatedBy = caller.Name,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WebhookEndpoints.Add(hook);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (http.Audit() is { } audit)
        {
            audit.Project = project;
            audit.Detail = $"webhook {hook.Id} to {url.GetLeftPart(UriPartial.Authority)}";
        }
        var view = View(project, hook, secret);
        return TypedResults.Created(view.DeliveriesUrl, view);
    }

    private static async Task<Results<Ok<List<WebhookView>>, ProblemHttpResult>> ListAsync(
        string project, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hooks = await db.WebhookEndpoints.AsNoTracking().Where(w => db.Projects.Any(p => p.Id == w.ProjectId && p.Name == project))
            .OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(hooks.Select(h => View(project, h, null)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string project, Guid webhookId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var (hook, refused) = await FindAsync(project, webhookId, guard, catalog, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.WebhookEndpoints.Where(w => w.Id == hook!.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<DeliveryView>>, ProblemHttpResult>> DeliveriesAsync(
        string project, Guid webhookId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken, int take = 100)
    {
        if (take is < 1 or > 500)
        {
            return ApiProblems.Invalid("take must be between 1 and 500.");
        }
        var (hook, refused) = await FindAsync(project, webhookId, guard, catalog, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Event).Where(d => d.EndpointId == hook!.Id)
            .OrderByDescending(d => d.EventId).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(deliveries.Select(d => new DeliveryView(d.Id, WebhookSender.MessageId(d.Id), d.EventId, d.Event!.Kind, d.State.ToString().ToLowerInvariant(), d.Attempts,
            d.LastStatus, d.LastError, d.LastAttemptAt, d.State == DeliveryState.Pending ? d.NextAttemptAt : null, d.DeliveredAt,
            $"/api/projects/{Uri.EscapeDataString(project)}/webhooks/{hook!.Id}/deliveries/{d.Id}/redeliver")).ToList());
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RedeliverAsync(
        string project, Guid webhookId, Guid deliveryId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, ProjectActivity activity, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (hook, refused) = await FindAsync(project, webhookId, guard, catalog, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.EndpointId == hook!.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Pending).SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.ClaimedUntil, (DateTime?)null), cancellationToken).ConfigureAwait(false);
        if (changed == 0)
        {
            return ApiProblems.NotFound($"There is no delivery {deliveryId} of that webhook.");
        }
        activity.Nudge();
        return TypedResults.Accepted($"/api/projects/{Uri.EscapeDataString(project)}/webhooks/{hook!.Id}/deliveries");
    }

    private static async Task<(WebhookEndpoint?, ProblemHttpResult?)> FindAsync(
        string project, Guid webhookId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Manage, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return (null, refused);
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hook = await db.WebhookEndpoints.AsNoTracking()
            .Where(w => w.Id == webhookId && db.Projects.Any(p => p.Id == w.ProjectId && p.Name == project))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return hook is null ? (null, ApiProblems.NotFound($"There is no webhook {webhookId} in {project}.")) : (hook, null);
    }

    private static WebhookView View(string project, WebhookEndpoint h, string? secret) =>
        new(h.Id, h.Url, h.Events, h.CreatedBy, h.CreatedAt, $"/api/projects/{Uri.EscapeDataString(project)}/webhooks/{h.Id}/deliveries", secret);
}
