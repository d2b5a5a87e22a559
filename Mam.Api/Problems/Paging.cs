using Microsoft.AspNetCore.Http.HttpResults;

namespace Mam.Api.Problems;

/// <summary>
/// How lists page, checked one way everywhere: a page size outside its range is a 400 that names the
/// range, and a paging parameter a list does not take (take on search, which is limited by limit; skip
/// on a list that answers every item) is a 400 naming what the list takes — never silently ignored.
/// </summary>
public static class Paging
{
    /// <summary>The names clients use for paging; a list refuses those it does not take.</summary>
    private static readonly string[] Words = ["skip", "take", "limit", "offset", "page", "pageSize"];

    /// <param name="skip">Null for a list that does not skip (it pages by a cursor, or not at all).</param>
    /// <returns>The problem when <paramref name="take"/> or <paramref name="skip"/> is out of range, else null.</returns>
    public static ProblemHttpResult? Check(int take, int maxTake, int? skip = null) =>
        take < 1 || take > maxTake || skip < 0
            ? ApiProblems.Invalid(skip is { } s
                ? $"take must be between 1 and {maxTake} and skip 0 or more (asked: take={take}, skip={s})."
                : $"take must be between 1 and {maxTake} (asked: take={take}).")
            : null;

    /// <summary>Refuses the paging parameters this list does not take.</summary>
    /// <param name="takes">What the list takes, for the message: "skip (0 or more) and take (1 to 500)".</param>
    /// <param name="names">The paging parameters it does take (none: it answers every item).</param>
    public static RouteHandlerBuilder PagedBy(this RouteHandlerBuilder builder, string takes, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var query = context.HttpContext.Request.Query;
            var other = Words.FirstOrDefault(w => query.ContainsKey(w) && !names.Contains(w, StringComparer.OrdinalIgnoreCase));
            return other is null
                ? await next(context).ConfigureAwait(false)
                : ApiProblems.Invalid($"'{other}' is not a parameter of this list: it takes {takes}.");
        });
    }

    /// <summary>For lists that answer every item: any paging parameter is refused, saying so.</summary>
    public static RouteHandlerBuilder NotPaged(this RouteHandlerBuilder builder, string answers = "answers every item") =>
        builder.PagedBy($"no paging parameter (it {answers})");
}
