using System.Net;
using Mam.Catalog.Entities;
using Mam.Workers.Audit;

namespace Mam.Api.Audit;

/// <summary>Marks an endpoint whose every request lands in the audit trail, whatever its outcome
/// (a request refused before its handler runs too).</summary>
/// <param name="Detail">What to note when the handler says nothing more (an export's format).</param>
public sealed record AuditedMetadata(string Action, string? Detail);

/// <summary>What the audit trail will record about the request being handled; its handler fills in what
/// only it knows (the search text, the clip's project, the bytes a stream sent). Written when the
/// response has completed, with its status.</summary>
public sealed class RequestAudit
{
    private long _bytes = -1;

    public required string Action { get; set; }
    public DateTime At { get; init; }
    public string? Project { get; set; }
    public Guid? AssetId { get; set; }
    public string? Detail { get; set; }

    /// <summary>Who acted, when the request itself changes it (a sign-in: nobody was signed in when it came).</summary>
    public Actor? Actor { get; set; }

    /// <summary>Bytes the response sent, when the handler counts them (a stream that may be cut short);
    /// otherwise the response's Content-Length is taken.</summary>
    public long? Bytes
    {
        get
        {
            var bytes = Interlocked.Read(ref _bytes);
            return bytes >= 0 ? bytes : null;
        }
    }

    public void AddBytes(long count)
    {
        Interlocked.CompareExchange(ref _bytes, 0, -1);
        Interlocked.Add(ref _bytes, count);
    }

    internal AuditEvent ToEvent(HttpContext http, Actor actor)
    {
        var status = http.Response.StatusCode;
        return new AuditEvent
        {
            At = At,
            ActorId = actor.Id,
            ActorName = actor.Name,
            ClientAddress = AddressOf(http),
            // A sign-in that did not succeed (wrong password, locked out, throttled, a dead link) is a failed one.
            Action = Action == AuditActions.SignIn && status >= 400 ? AuditActions.SignInFailed : Action,
            Project = Project ?? http.GetRouteValue("project") as string,
            AssetId = AssetId ?? (Guid.TryParse(http.GetRouteValue("id") as string, out var id) ? id : null),
            Detail = Detail,
            Result = AuditResults.Of(status),
            Status = status,
            Bytes = status < 300 ? Bytes ?? http.Response.ContentLength : null,
        };
    }

    /// <summary>The connection's address (127.0.0.1, not ::ffff:127.0.0.1). Behind a reverse proxy this
    /// is the proxy's, unless the host is set up to trust its forwarded headers.</summary>
    internal static string? AddressOf(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;
}

public static class RequestAuditExtensions
{
    /// <summary>Every request to the endpoint is recorded as <paramref name="action"/>.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string? detail = null) where TBuilder : IEndpointConventionBuilder
    {
        if (!AuditActions.All.Contains(action))
        {
            throw new ArgumentException($"'{action}' is not one of the audit trail's actions.", nameof(action));
        }
        return builder.WithMetadata(new AuditedMetadata(action, detail));
    }

    /// <summary>The audit record of this request, for its handler to complete; null on an endpoint that
    /// is not audited.</summary>
    public static RequestAudit? Audit(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<RequestAudit>();
    }

    /// <summary>Records something that happened while handling this request outside an audited endpoint
    /// (the OpenID Connect handler's failures answer before any endpoint runs).</summary>
    public static ValueTask RecordAuditAsync(this HttpContext http, string action, string? detail, int status)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        return services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent
        {
            At = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            ActorId = AuditActors.Anonymous,
            ActorName = AuditActors.Anonymous,
            ClientAddress = RequestAudit.AddressOf(http),
            Action = action,
            Detail = detail,
            Result = AuditResults.Of(status),
            Status = status,
        }, CancellationToken.None);
    }

    /// <summary>The query string as the person typed it (decoded), for the detail of a search or export.</summary>
    public static string? QueryText(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.QueryString.HasValue ? WebUtility.UrlDecode(request.QueryString.Value![1..]) : null;
    }
}
