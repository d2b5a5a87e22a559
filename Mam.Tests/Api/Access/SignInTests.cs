using System.Net;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Access;

/// <summary>The sign-in form against guessing, and sessions that must end.</summary>
[TestFixture]
public sealed class SignInTests
{
    [Test]
    public async Task FiveWrongPasswords_LockTheNameOut_SoEvenTheRightOneIsRefusedForAWhile()
    {
        await using var api = new MamApiFactory();
        await api.AddPersonAsync("hana");
        using var browser = api.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            var wrong = await SignInForm.PostAsync(browser, "hana", "not-her-password-" + i);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).ShouldContain("That name and password do not match.");
        }
        var fifth = await SignInForm.PostAsync(browser, "hana", "not-her-password-5");
        WebUtility.HtmlDecode(await fifth.Content.ReadAsStringAsync()).ShouldContain("Too many wrong passwords: signing in as hana is locked until");

        var right = await SignInForm.PostAsync(browser, "hana", MamApiFactory.PasswordOf("hana"));
        right.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "no session was made");
    }

    [Test]
    public async Task AnUnknownName_GetsTheSameAnswerAsAWrongPassword()
    {
        await using var api = new MamApiFactory();
        using var browser = api.CreateClient();
        var response = await SignInForm.PostAsync(browser, "nobody-here", "whatever-password");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("That name and password do not match.");
    }

    [Test]
    public async Task ManyAttemptsFromOneAddress_AreSlowedTo429()
    {
        await using var api = new MamApiFactory(settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinute"] = "3" });
        using var browser = api.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await SignInForm.PostAsync(browser, "someone-" + i, "guess-number-" + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var limited = await SignInForm.PostAsync(browser, "someone-else", "another-guess");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await limited.Content.ReadAsStringAsync()).ShouldContain("wait a minute");
    }

    [Test]
    public async Task TheSessionOfAPersonWhoWasRemoved_EndsAtTheirNextRequest()
    {
        await using var api = new MamApiFactory();
        await api.AddPersonAsync("ivan", false, ("Ivan Film", Mam.Catalog.Entities.People.ProjectRole.Viewer));
        using var browser = api.CreateClient();
        (await SignInForm.PostAsync(browser, "ivan", MamApiFactory.PasswordOf("ivan"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var admin = api.CreateWriter();
        (await admin.DeleteAsync("/api/people/ivan")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await browser.GetAsync("/api/assets")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ChangingThePassword_EndsOtherSessions_ButNotThisOne()
    {
        await using var api = new MamApiFactory();
        await api.AddPersonAsync("june");
        using var laptop = api.CreateClient();
        using var phone = api.CreateClient();
        (await SignInForm.PostAsync(laptop, "june", MamApiFactory.PasswordOf("june"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SignInForm.PostAsync(phone, "june", MamApiFactory.PasswordOf("june"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var account = await laptop.GetStringAsync("/account");
        var token = System.Text.RegularExpressions.Regex.Match(account, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");
        using var change = await laptop.PostAsync("/account/password", new FormUrlEncodedContent([
            new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)),
            new("current", MamApiFactory.PasswordOf("june")), new("new", "a much longer new passphrase")]));
        WebUtility.HtmlDecode(await change.Content.ReadAsStringAsync()).ShouldContain("Your password is set.");

        (await laptop.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await phone.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [TestCase("https://evil.example/")]
    [TestCase("//evil.example/")]
    [TestCase("/\\evil.example/")]
    public async Task SigningIn_NeverRedirectsToAnotherSite(string returnUrl)
    {
        await using var api = new MamApiFactory();
        await api.AddPersonAsync("kim");
        using var browser = api.CreateClient(new() { AllowAutoRedirect = false });
        var response = await SignInForm.PostAsync(browser, "kim", MamApiFactory.PasswordOf("kim"), returnUrl);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
    }
}
