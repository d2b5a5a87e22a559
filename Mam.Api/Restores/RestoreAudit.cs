using System.Globalization;
using Mam.Api.Audit;
using Mam.Api.Security.Access;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Restores;
using Mam.Contracts.Restores;
using Mam.Workers.Audit;

namespace Mam.Api.Restores;

/// <summary>The audit trail's record of a finished restore: who restored what, where to, with which
/// result (failed when any file did), naming the files that failed. Plans and starts are recorded as
/// requests (their endpoints are audited); progress reports are not, only the final one.</summary>
internal static class RestoreAudit
{
    private const int NamedFailures = 5;

    public static async Task RecordFinishedAsync(HttpContext http, Callers callers, IAuditTrail trail, TimeProvider clock, Restore restore, RestoreView view, CancellationToken cancellationToken)
    {
        var actor = await Actor.OfAsync(http, callers).ConfigureAwait(false);
        var failures = view.Files.Where(f => f.Result == RestoreResults.Failed).ToList();
        var tally = view.Results;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"restore {restore.Id}: {restore.Scope} to {restore.Destination}: {tally.Verified} verified, {tally.Failed} failed{(tally.Original > 0 ? $", {tally.Original} new (cuts)" : "")}{(tally.Pending > 0 ? $", {tally.Pending} not reported" : "")}");
        if (failures.Count > 0)
        {
            detail += " — " + string.Join("; ", failures.Take(NamedFailures).Select(f => $"{f.Card}/{f.Path}: {f.Reason ?? "failed"}"))
                + (failures.Count > NamedFailures ? $"; and {failures.Count - NamedFailures} more" : "");
        }
        await trail.RecordAsync(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actor.Id,
            ActorName = actor.Name,
            ClientAddress = RequestAudit.AddressOf(http),
            Action = AuditActions.Restore,
            Project = view.Project,
            AssetId = restore.AssetId,
            Detail = detail.Length > AuditEventLimits.Detail ? detail[..AuditEventLimits.Detail] : detail,
            Result = restore.State == RestoreState.Done ? AuditResults.Ok : AuditResults.Failed,
            Status = StatusCodes.Status200OK,
            Bytes = restore.BytesRead,
        }, CancellationToken.None).ConfigureAwait(false);
        _ = cancellationToken;
    }
}
