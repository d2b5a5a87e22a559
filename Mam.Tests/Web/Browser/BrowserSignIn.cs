using Mam.Tests.Support;
using Microsoft.Playwright;

namespace Mam.Tests.Web.Browser;

/// <summary>A fresh browser context (own history, cookies) with a 1280×800 window, signed in through
/// the real sign-in form as a person <see cref="MamApiFactory.AddPersonAsync"/> made.</summary>
public static class BrowserSignIn
{
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseUri, string userName)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(baseUri);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login?returnUrl=%2Faccount");
        await page.FillAsync("input[name=name]", userName);
        await page.FillAsync("input[name=password]", MamApiFactory.PasswordOf(userName));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/account");
        await page.CloseAsync();
        return context;
    }
}
