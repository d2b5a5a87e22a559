using System.Net;
using System.Text.RegularExpressions;

namespace Mam.Tests.Security;

/// <summary>A person's browser at the OpenID provider, with HttpClient only: its own cookie jar,
/// the provider's redirects followed, the login form filled in and posted. It stops at the first
/// redirect that leaves the provider — the way back to the application, with the code.</summary>
internal sealed partial class ProviderBrowser : IDisposable
{
    private const int MaxRedirects = 10;
    private readonly HttpClient client;

    public ProviderBrowser()
    {
        client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
    }

    /// <summary>Opens the application's authorisation request, signs in, and returns the address
    /// the provider sends the browser back to (the application's redirect URI with code and
    /// state, or with an error).</summary>
    public async Task<Uri> SignInAsync(Uri authorizationRequest, string login, string password, CancellationToken cancellationToken)
    {
        var page = await FollowAsync(authorizationRequest, cancellationToken);
        if (page.LeftProvider is { } early)
        {
            return early;
        }
        var action = LoginFormAction().Match(page.Html);
        action.Success.ShouldBeTrue($"the provider's page has a login form: {page.Html}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = login, ["password"] = password });
        using var response = await client.PostAsync(new Uri(page.Address, action.Groups[1].Value), form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"the provider refused the sign-in of {login}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var back = await FollowAsync(new Uri(page.Address, response.Headers.Location!), cancellationToken);
        return back.LeftProvider ?? throw new InvalidOperationException($"the provider did not send the browser back: {back.Html}");
    }

    /// <summary>Posts a login form and returns the page the provider answers with (for a wrong password).</summary>
    public async Task<(HttpStatusCode Status, string Html)> TryPasswordAsync(Uri authorizationRequest, string login, string password, CancellationToken cancellationToken)
    {
        var page = await FollowAsync(authorizationRequest, cancellationToken);
        var action = LoginFormAction().Match(page.Html);
        action.Success.ShouldBeTrue($"the provider's page has a login form: {page.Html}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = login, ["password"] = password });
        using var response = await client.PostAsync(new Uri(page.Address, action.Groups[1].Value), form, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose() => client.Dispose();

    private async Task<(Uri Address, string Html, Uri? LeftProvider)> FollowAsync(Uri address, CancellationToken cancellationToken)
    {
        var provider = new Uri(address.GetLeftPart(UriPartial.Authority));
        for (var hop = 0; hop < MaxRedirects; hop++)
        {
            using var response = await client.GetAsync(address, cancellationToken);
            if (response.Headers.Location is not { } location)
            {
                return (address, await response.Content.ReadAsStringAsync(cancellationToken), null);
            }
            address = new Uri(address, location);
            if (Uri.Compare(address, provider, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                return (address, "", address);
            }
        }
        throw new InvalidOperationException($"more than {MaxRedirects} redirects at the provider");
    }

    [GeneratedRegex("""<form method="post" action="([^"]+/login)">""")]
    private static partial Regex LoginFormAction();
}
