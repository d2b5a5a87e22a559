using System.Net.Http.Json;
using System.Text.Json;

namespace Mam.Tests.Web.Browser;

/// <summary>The archivist's 3-2-1 page for the card the real agent offloaded to one RAID and uploaded:
/// every file has two copies (the RAID the agent reported, and the store), one short of the default
/// three, and the page says so; a clip's file links to its clip page.</summary>
public sealed class CopiesPageTests : BrowserTest
{
    [Test]
    public async Task TheCopiesPage_ShowsTheRaidTheAgentReportedAndTheStore_AndEveryFileBelowTheMinimumOfThree()
    {
        var view = await EditorPagesSession.Api.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(EditorPagesSession.Project)}/copies");
        var files = view.GetProperty("files").GetInt32();
        files.ShouldBeGreaterThan(1);
        view.GetProperty("filesBelowMinimum").GetInt32().ShouldBe(files);

        await Page.GotoAsync($"/projects/{Uri.EscapeDataString(EditorPagesSession.Project)}/copies");
        await WaitForAsync("() => document.querySelectorAll('#file-list tbody tr').length > 0");

        var summary = await EvalAsync<string>("() => document.getElementById('summary').innerText");
        summary.ShouldContain($"Below the minimum\n{files}");
        var locations = await EvalAsync<string[]>("() => [...document.querySelectorAll('#locations tbody tr')].map(r => r.cells[0].innerText + ' ' + r.cells[1].innerText)");
        locations.Length.ShouldBe(2);
        locations[0].ShouldStartWith("on-set ");
        locations[0].ShouldEndWith("/raid/" + EditorPagesSession.Card);
        locations[1].ShouldStartWith("store main (folder ");
        var clipLink = await EvalAsync<string>("() => document.querySelector('#file-list a[href^=\"/clips/\"]').getAttribute('href')");
        clipLink.ShouldBe($"/clips/{AssetId}");
    }
}
