using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Web.Browser;

/// <summary>The review workflow in the browser: approving the latest version on the clip page and advancing
/// its stage, comparing two versions with a wipe while one transport drives both pictures, and the
/// dashboard showing the editor's pending approval. The clips are catalogued copies of the session's
/// processed clip in a project of their own: each copy's proxy is that clip's proxy (the same bytes, as a
/// master rendered again would give), so no second pipeline run is needed.</summary>
[TestFixture]
public sealed class ReviewWorkflowPageTests : BrowserTest
{
    private const string Project = "Harbour Review";

    [OneTimeSetUp]
    public async Task AProjectWithTwoStagesWhereTheEditorApproves()
    {
        await EditorPagesSession.Server.AddPersonAsync(EditorPagesSession.Editor, false, (Project, ProjectRole.Editor));
        using var admin = EditorPagesSession.Server.CreateWriter();
        var set = await admin.PutAsJsonAsync($"/api/projects/{Uri.EscapeDataString(Project)}/stages", new
        {
            stages = new object[]
            {
                new { name = "Rough cut", rule = "any", approvers = new[] { EditorPagesSession.Editor } },
                new { name = "Fine cut", rule = "any", approvers = new[] { EditorPagesSession.Editor } },
            },
        });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ApprovingTheLatestVersionOnTheClipPage_ShowsTheDecision_AndAdvancingMovesTheCutToTheNextStage()
    {
        var (_, v2) = await TwoVersionsAsync("Approve");
        await Page.GotoAsync($"/clips/{v2}");
        var panel = Page.Locator("#approval-panel");
        await panel.Locator("[data-part=stage]", new() { HasTextString = "Rough cut" }).WaitForAsync();
        (await panel.Locator(".version").CountAsync()).ShouldBe(2);
        (await panel.Locator(".version.current .version-number").InnerTextAsync()).ShouldBe("v2");
        (await panel.Locator(".approver").InnerTextAsync()).ShouldContain("still to approve");

        // A rejection without a note: the API's own sentence, and nothing recorded.
        await panel.Locator("input[value=rejected]").CheckAsync();
        await panel.Locator("button[type=submit]").ClickAsync();
        await panel.Locator("[data-part=error]", new() { HasTextString = "Say what has to change" }).WaitForAsync();
        (await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/assets/{v2}/approvals")).GetArrayLength().ShouldBe(0);

        await panel.Locator("input[value=approved-with-changes]").CheckAsync();
        await panel.Locator("[data-part=note]").FillAsync("trim the head <b>two</b> frames");
        await panel.Locator("button[type=submit]").ClickAsync();
        var approval = panel.Locator(".approval.approved-with-changes");
        await approval.WaitForAsync();
        (await approval.Locator(".approval-note").InnerTextAsync()).ShouldBe("trim the head <b>two</b> frames", "the note is shown as typed");
        (await approval.Locator(".approval-certificate").GetAttributeAsync("href"))!.ShouldMatch("^/api/approvals/[0-9a-f-]{36}/certificate$");
        var advance = panel.Locator("[data-part=advance]");
        await advance.WaitForAsync();
        (await advance.InnerTextAsync()).ShouldBe("Advance to Fine cut");

        await advance.ClickAsync();
        await panel.Locator("[data-part=stage]", new() { HasTextString = "Stage: Fine cut" }).WaitForAsync();
        (await panel.Locator("[data-part=error]").InnerTextAsync()).ShouldBeEmpty();
        var gate = await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/assets/{v2}/gate");
        gate.GetProperty("stage").GetString().ShouldBe("Fine cut");
        gate.GetProperty("advancedBy").GetString().ShouldBe(EditorPagesSession.Editor);
        await ScreenshotAsync("review-approved-and-advanced");

        // A project manager locks the approved version: the page says so and offers no decision on it.
        using (var admin = EditorPagesSession.Server.CreateWriter())
        {
            var locked = await admin.PostAsJsonAsync($"/api/assets/{v2}/lock", new { note = "picture lock for the mix" });
            locked.StatusCode.ShouldBe(HttpStatusCode.OK, await locked.Content.ReadAsStringAsync());
        }
        await Page.ReloadAsync();
        await panel.Locator("[data-part=lock-state]", new() { HasTextString = "Version 2 is locked by Administrator: picture lock for the mix." }).WaitForAsync();
        (await panel.Locator(".version.current .version-lock").CountAsync()).ShouldBe(1);
        (await panel.Locator("[data-part=form]").IsHiddenAsync()).ShouldBeTrue("no decision is given on a locked version");
        (await panel.Locator("[data-part=unlock]").IsHiddenAsync()).ShouldBeTrue("only a project manager unlocks, and the editor is not one");
    }

    [Test]
    public async Task ComparingTwoVersionsWithAWipe_OneTransportKeepsBothPicturesOnTheSameFrame_AndEachSideListsItsOwnComments()
    {
        var (v1, v2) = await TwoVersionsAsync("Compare");
        using var admin = EditorPagesSession.Server.CreateWriter();
        (await admin.PostAsJsonAsync($"/api/assets/{v1}/comments", new { text = "v1: sky too blue", frame = 10 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync($"/api/assets/{v2}/comments", new { text = "v2: <script>alert(2)</script> fixed", frame = 10 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await Page.GotoAsync($"/clips/{v1}/compare?with={v2}");
        await WaitForAsync("() => ['video-a', 'video-b'].every(id => document.getElementById(id).readyState >= 2)");
        (await Page.Locator("#side-a .comment-text").AllInnerTextsAsync()).ShouldBe(["v1: sky too blue"]);
        (await Page.Locator("#side-b .comment-text").AllInnerTextsAsync()).ShouldBe(["v2: <script>alert(2)</script> fixed"], "each side shows its own version's comments, as typed");

        await Page.Keyboard.PressAsync("w");
        await WaitForAsync("() => document.body.classList.contains('wipe') && !document.getElementById('divider').hidden");
        var stage = (await Page.Locator("#stage").BoundingBoxAsync())!;
        var divider = (await Page.Locator("#divider").BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(divider.X + (divider.Width / 2), divider.Y + (divider.Height / 2));
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(stage.X + (stage.Width * 0.3f), divider.Y + (divider.Height / 2), new() { Steps = 6 });
        await Page.Mouse.UpAsync();
        var wipe = int.Parse((await Page.Locator("#divider").GetAttributeAsync("aria-valuenow"))!, CultureInfo.InvariantCulture);
        wipe.ShouldBeInRange(27, 33, "the divider was dragged to 30% of the picture");
        var clip = Regex.Match(await EvalAsync<string>("() => document.getElementById('video-b').style.clipPath"), @"^inset\(0px 0px 0px (?<left>[0-9.]+)%\)$");
        clip.Success.ShouldBeTrue("the upper picture is cut at the divider");
        double.Parse(clip.Groups["left"].Value, CultureInfo.InvariantCulture).ShouldBe(wipe, 1);

        for (var i = 0; i < 12; i++)
        {
            await Page.Keyboard.PressAsync("ArrowRight");
        }
        var (left, right) = await InStepAsync();
        left.ShouldBe(12 / 25.0, 0.5 / 25, "twelve frames on");

        await Page.Keyboard.PressAsync("l");
        await WaitForAsync("() => document.getElementById('video-a').currentTime > 1.5");
        await Page.Keyboard.PressAsync("k");
        (left, right) = await InStepAsync();
        left.ShouldBeGreaterThan(1.5);
        await Page.Keyboard.PressAsync("ArrowLeft");
        await InStepAsync();
        await ScreenshotAsync("review-compare-wipe");
    }

    [Test]
    public async Task TheDashboard_ShowsTheEditorsPendingApprovalFirst_WithNamesShownAsText()
    {
        const string name = "<script>alert('dash')</script> REEL3";
        var cut = await EditorPagesSession.CopyOfTheClipAsync(name, Project);
        using var admin = EditorPagesSession.Server.CreateWriter();
        (await admin.PostAsJsonAsync($"/api/assets/{cut}/comments", new { text = "ready for review", frame = 1 })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await Page.GotoAsync("/dashboard");
        var row = Page.Locator("#pending tbody tr.for-you", new() { HasTextString = "REEL3" });
        await row.WaitForAsync();
        (await row.Locator("a").InnerTextAsync()).ShouldBe($"{name} · v1");
        (await row.Locator("a").GetAttributeAsync("href")).ShouldBe($"/clips/{cut}");
        (await row.InnerTextAsync()).ShouldContain("yours to approve");
        (await row.InnerTextAsync()).ShouldContain("Rough cut");
        (await EvalAsync<int>("() => document.querySelectorAll('main script').length")).ShouldBe(0);
        var project = Page.Locator($"section.dashboard-project[data-project='{Project}']");
        (await project.Locator("h2").InnerTextAsync()).ShouldBe(Project);
        (await project.Locator(".activity").InnerTextAsync()).ShouldContain("ready for review");
        await ScreenshotAsync("review-dashboard-pending");
    }

    /// <summary>Waits until neither picture is seeking and both show the same frame; returns both times.</summary>
    private async Task<(double Left, double Right)> InStepAsync()
    {
        await WaitForAsync("""
            () => {
              const [a, b] = [document.getElementById('video-a'), document.getElementById('video-b')];
              return a.paused && b.paused && !a.seeking && !b.seeking && Math.abs(a.currentTime - b.currentTime) < 0.5 / 25;
            }
            """);
        var times = await EvalAsync<double[]>("() => [document.getElementById('video-a').currentTime, document.getElementById('video-b').currentTime]");
        return (times[0], times[1]);
    }

    private static async Task<(Guid V1, Guid V2)> TwoVersionsAsync(string name)
    {
        var v1 = await EditorPagesSession.CopyOfTheClipAsync($"{name} v1", Project);
        var v2 = await EditorPagesSession.CopyOfTheClipAsync($"{name} v2", Project);
        using var admin = EditorPagesSession.Server.CreateWriter();
        var added = await admin.PostAsJsonAsync($"/api/assets/{v1}/versions", new { asset = v2 });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (v1, v2);
    }
}
