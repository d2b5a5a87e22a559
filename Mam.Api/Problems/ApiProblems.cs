using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mam.Api.Problems;

/// <summary>RFC 7807 problem details with stable <c>type</c> values clients can switch on.</summary>
public static class ApiProblems
{
    private const string Prefix = "urn:mam:problem:";

    public static ProblemHttpResult Invalid(string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new HttpValidationProblemDetails(errors ?? new Dictionary<string, string[]>())
        {
            Type = Prefix + "invalid-request",
            Title = "The request is not valid.",
            Detail = detail,
            Status = StatusCodes.Status400BadRequest,
        };
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult NotFound(string detail) => Make("not-found", "Not found.", detail, StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail) => Make("conflict", "That conflicts with what is already stored.", detail, StatusCodes.Status409Conflict);

    public static ProblemHttpResult Unprocessable(string kind, string title, string detail) => Make(kind, title, detail, StatusCodes.Status422UnprocessableEntity);

    public static ProblemHttpResult TooLarge(string detail) => Make("too-large", "The request body is too large.", detail, StatusCodes.Status413RequestEntityTooLarge);

    public static ProblemHttpResult Unauthorized() => Make("api-key-required", "An API key is required.",
        "Send the server's API key (kept in its data folder, file api-key, unless Security:ApiKey sets it) in the X-Api-Key header.", StatusCodes.Status401Unauthorized);

    /// <summary>The stable <c>type</c> of a problem kind ("not-found" → urn:mam:problem:not-found).</summary>
    public static string TypeOf(string kind) => Prefix + kind;

    public static ProblemHttpResult Make(string kind, string title, string detail, int status) =>
        TypedResults.Problem(new ProblemDetails { Type = Prefix + kind, Title = title, Detail = detail, Status = status });
}
