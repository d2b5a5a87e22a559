using Microsoft.Playwright;

namespace Mam.Tests.Web.Browser;

/// <summary>Debian's chromium driven by Playwright's bundled driver (the .playwright folder NuGet copies
/// beside the tests). Nothing is downloaded: Playwright's own browsers are never installed here.</summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"The browser tests need Debian's chromium at {ExecutablePath}. Run `bash infra/install-deps.sh` (CI does) to install it.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Root in a container: no sandbox; no GPU; /dev/shm is small; nothing talks to Google.
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--no-first-run", "--disable-sync", "--disable-component-update", "--mute-audio",
                ],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
