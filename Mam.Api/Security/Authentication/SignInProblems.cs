using Mam.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Security.Authentication;

/// <summary>The answers to "who are you?" and "you may not", in the users' words.</summary>
public static class SignInProblems
{
    public static ProblemHttpResult Unauthorized(string? reason = null) => ApiProblems.Make("sign-in-required", "Sign in first.",
        (reason is null ? "" : reason + " ")
        + "Send a personal access token as `Authorization: Bearer mam_…` (make one at /account or with POST /api/tokens), or sign in at /login.",
        StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult Forbidden() => ApiProblems.Make("right-missing", "You may not do that.",
        "Your roles do not include this. A project administrator can give you a role on the project; server-wide actions need a server administrator.",
        StatusCodes.Status403Forbidden);
}
