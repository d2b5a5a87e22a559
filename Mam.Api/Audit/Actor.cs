using System.Security.Claims;
using Mam.Workers.Audit;

namespace Mam.Api.Audit;

/// <summary>Who made a request, as the audit trail names them: the signed-in person's id (the
/// NameIdentifier claim, as ASP.NET Core Identity and token sign-in set it) and name (the Name claim);
/// "anonymous" when nobody is signed in.</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor Anonymous = new(AuditActors.Anonymous, AuditActors.Anonymous);

    public bool IsAnonymous => ReferenceEquals(this, Anonymous);

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
