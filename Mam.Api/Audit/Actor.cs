using System.Security.Claims;
using Mam.Api.Security.Access;
using Mam.Workers.Audit;

namespace Mam.Api.Audit;

/// <summary>Who made a request, as the audit trail names them: the person's id and the name records
/// give them (their display name, as on pipeline operations); "anonymous" when nobody is signed in.</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor Anonymous = new(AuditActors.Anonymous, AuditActors.Anonymous);

    /// <summary>The caller as the catalog knows them (already loaded by the authorisation of most
    /// requests); else the principal's NameIdentifier and Name claims (a person since removed).</summary>
    public static async Task<Actor> OfAsync(HttpContext http, Callers callers)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(callers);
        // Not the request's token: the record is made after the response, whether or not the client stayed.
        var caller = await callers.OfAsync(http, CancellationToken.None).ConfigureAwait(false);
        return caller is not null ? new Actor(caller.PersonId.ToString(), caller.Name) : Of(http.User);
    }

    public static Actor Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.FindFirstValue(ClaimTypes.Name) ?? user.Identity.Name;
        return id is null && name is null ? Anonymous : new Actor(id ?? name!, name ?? id!);
    }
}
