using Mam.Api.Audit;
using Mam.Workers.Audit;
using System.Text.Encodings.Web;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.SignIn;

/// <summary>/account: who you are signed in as, your projects and roles, and choosing a password
/// (where the first administrator lands from the one-time link).</summary>
public static class AccountEndpoints
{
    public const string Path = "/account";

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Sign-in").ExcludeFromDescription().RequireAuthorization(Policies.SignedIn);
        group.MapGet("", (HttpContext context, IAntiforgery antiforgery, UserManager<Person> people, CatalogDbContext db, CancellationToken ct) =>
            RenderAsync(context, antiforgery, people, db, null, StatusCodes.Status200OK, ct));
        group.MapPost("/password", ChangePasswordAsync).DisableAntiforgery().Audited(AuditActions.PasswordChanged);
        return app;
    }

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext context, IAntiforgery antiforgery, UserManager<Person> people, SignInManager<Person> signIn, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var person = await people.GetUserAsync(context.User).ConfigureAwait(false);
        if (person is null || !context.Request.HasFormContentType)
        {
            return Results.Redirect("/login", preserveMethod: false);
        }
        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return await RenderAsync(context, antiforgery, people, db, "The form had expired; please try again.", StatusCodes.Status400BadRequest, cancellationToken).ConfigureAwait(false);
        }
        var next = form["new"].ToString();
        var result = await people.HasPasswordAsync(person).ConfigureAwait(false)
            ? await people.ChangePasswordAsync(person, form["current"].ToString(), next).ConfigureAwait(false)
            : await people.AddPasswordAsync(person, next).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await RenderAsync(context, antiforgery, people, db, string.Join(" ", result.Errors.Select(e => e.Description)), StatusCodes.Status400BadRequest, cancellationToken).ConfigureAwait(false);
        }
        // The stamp changed, ending every other session; this one carries on with the new stamp.
        await signIn.RefreshSignInAsync(person).ConfigureAwait(false);
        return await RenderAsync(context, antiforgery, people, db, "Your password is set.", StatusCodes.Status200OK, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext context, IAntiforgery antiforgery, UserManager<Person> people, CatalogDbContext db, string? message, int status, CancellationToken cancellationToken)
    {
        var person = await people.GetUserAsync(context.User).ConfigureAwait(false);
        if (person is null)
        {
            return Results.Redirect("/login", preserveMethod: false);
        }
        var html = HtmlEncoder.Default;
        var memberships = await db.ProjectMemberships.AsNoTracking().Where(m => m.PersonId == person.Id)
            .Select(m => new { m.Project!.Name, m.Role }).OrderBy(m => m.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var projects = person.IsAdministrator
            ? "<p>You are a server administrator: every project is open to you.</p>"
            : memberships.Count == 0
                ? "<p>You belong to no project yet; a project administrator can add you.</p>"
                : "<ul>" + string.Concat(memberships.Select(m => $"<li>{html.Encode(m.Name)}: {m.Role.ToString().ToLowerInvariant()}</li>")) + "</ul>";
        var hasPassword = await people.HasPasswordAsync(person).ConfigureAwait(false);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var current = hasPassword ? "<p><label>Current password <input type=\"password\" name=\"current\" autocomplete=\"current-password\" required></label></p>" : "";
        var note = message is null ? "" : $"<p role=\"status\"><strong>{html.Encode(message)}</strong></p>";
        return SignInPage.Page(context, "Account", $$"""
            <h1>{{html.Encode(person.DisplayName)}}</h1>
            <p>Signed in as <code>{{html.Encode(person.UserName ?? "")}}</code>. <a href="/">Search</a></p>
            {{projects}}
            {{note}}
            <h2>{{(hasPassword ? "Change your password" : "Choose a password")}}</h2>
            <form method="post" action="{{Path}}/password">
            <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
            {{current}}
            <p><label>New password (12 characters or more) <input type="password" name="new" autocomplete="new-password" minlength="12" required></label></p>
            <button type="submit">Save</button>
            </form>
            <form method="post" action="/logout"><button type="submit">Sign out</button></form>
            <p>Tokens for the agent and scripts: <code>POST /api/tokens</code> (see README, "Security").</p>
            """, status);
    }
}
