using Microsoft.AspNetCore.Authorization;

namespace Mam.Api.Security.Access;

/// <summary>The authorisation policies every route names. The endpoint-level policy says "signed in
/// and holding this right on some project"; which project a request touches is checked where the
/// project is known (<see cref="ProjectGuard"/>, the asset filter, the search's project scope).</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Ingest = "ingest";
    public const string Review = "review";
    public const string Operate = "operate";
    public const string Restore = "restore";
    public const string Manage = "manage";
    public const string Administrator = "administrator";

    /// <summary>Anyone signed in whose person still exists (their own account, their own tokens).</summary>
    public const string SignedIn = "signed-in";

    public static string Of(Right right) => right switch
    {
        Right.Read => Read,
        Right.Ingest => Ingest,
        Right.Review => Review,
        Right.Operate => Operate,
        Right.Restore => Restore,
        Right.Manage => Manage,
        _ => throw new ArgumentOutOfRangeException(nameof(right), right, null),
    };

    public static AuthorizationBuilder AddMamPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var right in Enum.GetValues<Right>())
        {
            builder.AddPolicy(Of(right), p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(right, Administrator: false)));
        }
        builder.AddPolicy(Administrator, p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(null, Administrator: true)));
        builder.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(null, Administrator: false)));
        // A route that names no policy still needs someone signed in: nothing is open by accident.
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new CallerRequirement(null, Administrator: false)).Build());
        return builder;
    }
}

/// <param name="Right">Held on at least one project (null: none needed).</param>
public sealed record CallerRequirement(Right? Right, bool Administrator) : IAuthorizationRequirement;

/// <summary>Checks a <see cref="CallerRequirement"/> against the caller as the catalog has them now.</summary>
public sealed class CallerRequirementHandler(Callers callers, IHttpContextAccessor http) : AuthorizationHandler<CallerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var httpContext = context.Resource as HttpContext ?? http.HttpContext;
        if (httpContext is null)
        {
            return;
        }
        var caller = await callers.OfAsync(httpContext, httpContext.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            // Signed in as someone who no longer exists: the same as not signed in.
            context.Fail(new AuthorizationFailureReason(this, "The person signed in no longer exists."));
            return;
        }
        if (requirement.Administrator ? caller.IsAdministrator : requirement.Right is not { } right || caller.CanAnywhere(right))
        {
            context.Succeed(requirement);
        }
    }
}
