using Mam.Api.Security.Access;
using Mam.Workers.Audit;

namespace Mam.Api.Audit;

/// <summary>For endpoints marked <see cref="AuditedMetadata"/>: opens the request's <see cref="RequestAudit"/>
/// and, once the response has completed (sent, refused, failed or cut short by the client), hands the
/// record to the trail — a playback's range requests to <see cref="PlaybackTallies"/>, which adds them up.
/// Runs after routing, so it sees every outcome, including a refusal by an endpoint filter.</summary>
public sealed class AuditMiddleware(RequestDelegate next, IAuditTrail trail, PlaybackTallies tallies, TimeProvider clock)
{
    public Task InvokeAsync(HttpContext http, Callers callers)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditedMetadata>() is not { } audited)
        {
            return next(http);
        }
        var note = new RequestAudit { Action = audited.Action, Detail = audited.Detail, At = clock.GetUtcNow().UtcDateTime };
        http.Features.Set(note);
        http.Response.OnCompleted(() => RecordAsync(http, note, callers));
        return next(http);
    }

    private async Task RecordAsync(HttpContext http, RequestAudit note, Callers callers)
    {
        var entry = note.ToEvent(http, note.Actor ?? await Actor.OfAsync(http, callers).ConfigureAwait(false));
        // Not the request's token: a client that goes away must not take its record with it.
        if (entry.Action == AuditActions.Stream)
        {
            await tallies.AddAsync(entry, key: null).ConfigureAwait(false);
        }
        else
        {
            await trail.RecordAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
