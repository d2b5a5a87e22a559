using System.Net;
using Mam.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mam.Tests.Security;

/// <summary>Someone signing in to the MAM with single sign-on, as a browser would: the MAM's
/// "Sign in with …" link, the provider's login form (<see cref="ProviderBrowser"/>), back to the
/// MAM's callback — with the MAM's cookies kept in one client, which is the signed-in session.</summary>
internal static class SingleSignOnSession
{
    public const string StartPath = "/login/external/oidc";

    public static HttpClient NewBrowser(MamApiFactory api)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>Signs <paramref name="login"/> in and returns the MAM client holding the session.</summary>
    public static async Task<HttpClient> SignInAsync(MamApiFactory api, string login, CancellationToken cancellationToken)
    {
        var mam = NewBrowser(api);
        var (status, page) = await CompleteAsync(mam, login, cancellationToken);
        status.ShouldBe(HttpStatusCode.Redirect, page);
        return mam;
    }

    /// <summary>Goes through the whole flow and returns where the MAM's callback chain ended: a
    /// redirect into the MAM (signed in) or a page with a message.</summary>
    public static async Task<(HttpStatusCode Status, string Page)> CompleteAsync(HttpClient mam, string login, CancellationToken cancellationToken)
    {
        using var start = await mam.GetAsync(new Uri($"{StartPath}?returnUrl=%2Faccount", UriKind.Relative), cancellationToken);
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync(cancellationToken));
        using var provider = new ProviderBrowser();
        var back = await provider.SignInAsync(start.Headers.Location!, login, OpenIdTestProvider.PasswordOf(login), cancellationToken);
        // The provider sends the browser to http://localhost/signin-oidc: the in-process MAM.
        using var callback = await mam.GetAsync(new Uri(back.PathAndQuery, UriKind.Relative), cancellationToken);
        if (callback.StatusCode != HttpStatusCode.Redirect)
        {
            return (callback.StatusCode, await callback.Content.ReadAsStringAsync(cancellationToken));
        }
        using var complete = await mam.GetAsync(callback.Headers.Location!, cancellationToken);
        var body = await complete.Content.ReadAsStringAsync(cancellationToken);
        if (complete.StatusCode == HttpStatusCode.Redirect)
        {
            complete.Headers.Location!.OriginalString.ShouldBe("/account", "the person lands where they asked to go");
        }
        return (complete.StatusCode, body);
    }

    public static async Task<string> AccountPageAsync(HttpClient mam, CancellationToken cancellationToken)
    {
        using var response = await mam.GetAsync(new Uri("/account", UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"signed in, the account page opens: {response.Headers.Location} {body}");
        return body;
    }
}
