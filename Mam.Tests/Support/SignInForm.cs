using System.Net;
using System.Text.RegularExpressions;

namespace Mam.Tests.Support;

/// <summary>Signs a cookie-keeping HttpClient in through /login, as a browser does: fetch the form,
/// send it back with its antiforgery token.</summary>
public static partial class SignInForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string name, string password, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(browser);
        var form = await browser.GetStringAsync(new Uri("/login?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        var token = HiddenField().Match(form);
        token.Success.ShouldBeTrue(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([
                new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)),
                new("returnUrl", returnUrl), new("name", name), new("password", password)]),
        };
        return await browser.SendAsync(request);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenField();
}
