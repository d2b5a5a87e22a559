using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review;

/// <summary>Stage gates: a cut advances from rough cut to picture lock only when its stage's approvers
/// have approved its latest version (all of them, or any one); only they decide there.</summary>
[TestFixture]
public sealed class GateTests
{
    private const string Project = "Gate Film";
    private MamApiFactory _api = null!;
    private HttpClient _manager = null!;
    private readonly Dictionary<string, HttpClient> _people = new(StringComparer.Ordinal);

    [OneTimeSetUp]
    public async Task AProjectWithThreeStages()
    {
        _api = new MamApiFactory();
        _manager = _api.CreateWriter();
        foreach (var name in new[] { "dana", "sam", "lee" })
        {
            _people[name] = _api.WithToken(await _api.PersonTokenAsync(name, (Project, ProjectRole.Reviewer)));
        }
        await _api.PersonTokenAsync("vic", (Project, ProjectRole.Viewer));
        var set = await _manager.PutAsJsonAsync($"/api/projects/{Uri.EscapeDataString(Project)}/stages", new
        {
            stages = new object[]
            {
                new { name = "Rough cut", rule = "all", approvers = new[] { "dana", "sam" } },
                new { name = "Picture lock", rule = "any", approvers = new[] { "lee", "dana" } },
                new { name = "Delivery", rule = "any", approvers = new[] { "lee" } },
            },
        });
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public void Stop()
    {
        foreach (var client in _people.Values)
        {
            client.Dispose();
        }
        _manager.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task ACut_AdvancesOnlyOnceEveryApproverOfItsStageApprovedItsLatestVersion()
    {
        var cut = await ReviewClips.AddAsync(_api.Services, "REEL1_v1", 25, 1, "10:00:00:00", 60, project: Project);

        var gate = await GateAsync(cut);
        gate.GetProperty("stage").GetString().ShouldBe("Rough cut");
        gate.GetProperty("open").GetBoolean().ShouldBeFalse();

        (await ApproveAsync("dana", cut, "approved")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var closed = await _people["dana"].PostAsync($"/api/assets/{cut}/gate/advance", null);
        closed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe("At 'Rough cut' every approver must approve version 1; still to approve: sam.");

        (await ApproveAsync("sam", cut, "approved-with-changes", "trim the head")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GateAsync(cut)).GetProperty("open").GetBoolean().ShouldBeTrue();
        var advanced = await _people["dana"].PostAsync($"/api/assets/{cut}/gate/advance", null);

        advanced.StatusCode.ShouldBe(HttpStatusCode.OK, await advanced.Content.ReadAsStringAsync());
        var now = await advanced.Content.ReadFromJsonAsync<JsonElement>();
        now.GetProperty("stage").GetString().ShouldBe("Picture lock");
        now.GetProperty("open").GetBoolean().ShouldBeFalse("the approvals were given at the stage before");
        now.GetProperty("advancedBy").GetString().ShouldBe("dana");
    }

    [Test]
    public async Task SomeoneWithoutAuthorityAtTheStage_CannotApproveThere_AndNothingIsRecorded()
    {
        var cut = await ReviewClips.AddAsync(_api.Services, "REEL2_v1", 25, 1, "10:00:00:00", 60, project: Project);

        var response = await ApproveAsync("lee", cut, "approved");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe("REEL2_v1 is at 'Rough cut', where the approvers are dana, sam.");
        (await _people["lee"].GetFromJsonAsync<JsonElement>($"/api/assets/{cut}/approvals")).GetArrayLength().ShouldBe(0);
    }

    [Test]
    public async Task ALaterRejection_TakesAnApprovalBack_AndTheCertificateNamesTheStage()
    {
        var cut = await ReviewClips.AddAsync(_api.Services, "REEL3_v1", 25, 1, "10:00:00:00", 60, project: Project);
        (await ApproveAsync("dana", cut, "approved")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var approved = await (await ApproveAsync("sam", cut, "approved")).Content.ReadFromJsonAsync<JsonElement>();
        approved.GetProperty("stage").GetString().ShouldBe("Rough cut");
        (await GateAsync(cut)).GetProperty("open").GetBoolean().ShouldBeTrue();

        (await ApproveAsync("sam", cut, "rejected", "the sound drops at 10:00:12")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var gate = await GateAsync(cut);
        gate.GetProperty("open").GetBoolean().ShouldBeFalse();
        gate.GetProperty("approvers").EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "sam").GetProperty("decision").GetString().ShouldBe("rejected");
        var certificate = await _people["sam"].GetStringAsync(approved.GetProperty("certificateUrl").GetString());
        Convert.FromBase64String(Padded(certificate.Split('.')[1])).ShouldNotBeEmpty();
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Padded(certificate.Split('.')[1]))).ShouldContain("\"stage\":\"Rough cut\"");
    }

    [TestCase("""{"stages":[{"name":"Rough cut","rule":"most","approvers":["dana"]}]}""", "Stage 1 ('Rough cut'): rule must be \"all\" (every approver) or \"any\" (one of them).")]
    [TestCase("""{"stages":[{"name":"Rough cut","rule":"all","approvers":["vic"]}]}""", "Stage 1 ('Rough cut'): vic is not a member of Gate Film with the review right, so cannot approve there.")]
    [TestCase("""{"stages":[{"name":"Mix","rule":"any","approvers":["lee"]},{"name":"mix","rule":"any","approvers":["lee"]}]}""", "Stage 2: there is already a stage called 'mix'.")]
    [TestCase("""{"stages":[]}""", "Give the stages in order: from 1 to 20.")]
    public async Task StagesThatCannotWork_AreRefused_AndTheOldOnesStand(string body, string message)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await _manager.PutAsync($"/api/projects/{Uri.EscapeDataString(Project)}/stages", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe(message);
        var stages = await _manager.GetFromJsonAsync<JsonElement>($"/api/projects/{Uri.EscapeDataString(Project)}/stages");
        stages.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldBe(["Rough cut", "Picture lock", "Delivery"]);
    }

    [Test]
    public async Task AReviewerWhoIsNotAManager_CannotSetTheStages()
    {
        using var content = new StringContent("""{"stages":[{"name":"Only me","rule":"any","approvers":["dana"]}]}""", System.Text.Encoding.UTF8, "application/json");

        var response = await _people["dana"].PutAsync($"/api/projects/{Uri.EscapeDataString(Project)}/stages", content);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> ApproveAsync(string who, Guid cut, string decision, string? note = null) =>
        _people[who].PostAsJsonAsync($"/api/assets/{cut}/approvals", new { decision, note });

    private async Task<JsonElement> GateAsync(Guid cut) => await _people["dana"].GetFromJsonAsync<JsonElement>($"/api/assets/{cut}/gate");

    private static string Padded(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
