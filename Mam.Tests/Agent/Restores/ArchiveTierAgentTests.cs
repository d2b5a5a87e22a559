using Ingest.Agent.Commands;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Mam.Integrity.Hashing;
using Mam.Tests.Search.Api;
using Mam.Tests.Support;
using Mam.Workers.Restores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Agent.Restores;

/// <summary>`ingest-agent restore` of a clip in GLACIER, against the MAM listening on a socket and
/// <see cref="ArchiveTierStandIn"/> — a WireMock.Net stand-in of AWS's archive-tier behaviour, because Ceph
/// RGW 16 answers RestoreObject with 501.</summary>
[TestFixture]
public sealed class ArchiveTierAgentTests() : TempFolderTest("restore-archive")
{
    private const string Project = "Glacier";
    private const string Card = "A008R8YY";
    private const string Clip = "Clips/A008C001.mov";
    private static readonly byte[] Content = [.. Enumerable.Range(0, 96 * 1024).Select(i => (byte)(i * 13))];

    private ArchiveTierStandIn _archive = null!;
    private MamApiFactory _api = null!;
    private string _token = "";
    private string _key = "";

    [SetUp]
    public async Task AClipInGlacier()
    {
        _archive = ArchiveTierStandIn.Start();
        var settings = _archive.ApiSettings();
        settings["Workers:Embedded"] = "false";
        _api = new MamApiFactory(realSocket: true, settings: settings);
        await CataloguedClips.AddAsync(_api.Services, new CataloguedClips.Clip(Project, Card, "A008C001", "A", null, [], []));
        await using (var db = await _api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync())
        {
            await db.CardFiles.Where(f => f.Card!.Name == Card).ExecuteUpdateAsync(s => s.SetProperty(f => f.Size, Content.Length).SetProperty(f => f.Xxh64, Xxh64.HashHex(Content)));
            _key = await db.CardFiles.Where(f => f.Card!.Name == Card).Select(f => f.StorageKey).SingleAsync();
        }
        _archive.PutArchived(_key, Content);
        _token = await _api.PersonTokenAsync("ines-archivist", (Project, ProjectRole.Archivist));
    }

    [TearDown]
    public async Task Stop()
    {
        await _api.DisposeAsync();
        _archive.Dispose();
    }

    [Test]
    public async Task Restore_OfAnArchivedClip_SaysItIsWaiting_ExitsWith5_AndTheSameCommandLaterRestoresIt()
    {
        var dest = Temp.Combine("restored");

        var waiting = await RestoreAsync("--dest", dest, "--tier", "Bulk");

        waiting.ExitCode.ShouldBe(ExitCodes.ArchiveWaiting, waiting.ToString());
        waiting.Output.ShouldContain("Waiting for the archive tier: 1 of 1 file(s) of restore");
        waiting.Output.ShouldContain("(about 12 h from now, Bulk tier)");
        waiting.Output.ShouldContain("Run the same command again later to continue restore");
        File.Exists(Path.Combine(dest, Card, Clip)).ShouldBeFalse("nothing of a file still in the archive is written");
        _archive.RestoreRequests.Select(r => (r.Tier, r.Days)).ShouldBe([("Bulk", 7)]);

        _archive.Restore(_key, DateTimeOffset.UtcNow.AddDays(7));
        await PollAsync();
        var later = await RestoreAsync("--dest", dest);

        later.ExitCode.ShouldBe(ExitCodes.Success, later.ToString());
        later.Output.ShouldContain("Resuming restore");
        later.Output.ShouldContain("Restore complete: every file verified against the hashes taken on set.");
        File.ReadAllBytes(Path.Combine(dest, Card, Clip)).ShouldBe(Content);
        _archive.RestoreRequests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Restore_WhenTheRestoredCopyExpiresBeforeTheAgentReadsIt_AsksForAFreshManifest_SaysItWasRequestedAgain_AndWritesNothing()
    {
        var dest = Temp.Combine("restored");
        (await RestoreAsync("--dest", dest, "--tier", "Standard")).ExitCode.ShouldBe(ExitCodes.ArchiveWaiting);
        _archive.Restore(_key, DateTimeOffset.UtcNow.AddDays(7));
        _archive.ExpireOnNextRead(_key);

        var expired = await RestoreAsync("--dest", dest);

        expired.ExitCode.ShouldBe(ExitCodes.ArchiveWaiting, expired.ToString());
        expired.Output.ShouldContain("The store refused 1 URL(s), expired most likely; asking the MAM for fresh ones.");
        expired.Output.ShouldContain($"Waiting for the archive tier: The restored copies of 1 file(s) expired before they were read ({Card}/{Clip}); they were requested again on ");
        _archive.RestoreRequests.Select(r => r.Tier).ShouldBe(["Standard", "Standard"]);
        File.Exists(Path.Combine(dest, Card, Clip)).ShouldBeFalse();
        RestoreAssertions.LeftoversIn(dest).ShouldBeEmpty();

        _archive.Restore(_key, DateTimeOffset.UtcNow.AddDays(7));
        var later = await RestoreAsync("--dest", dest);
        later.ExitCode.ShouldBe(ExitCodes.Success, later.ToString());
        File.ReadAllBytes(Path.Combine(dest, Card, Clip)).ShouldBe(Content);
    }

    [Test]
    public async Task Restore_WhenTheStoreRefusesAnExpiredUrl_AsksForAFreshManifestOnce_AndRestoresTheFileInTheSameRun()
    {
        var dest = Temp.Combine("restored");
        (await RestoreAsync("--dest", dest, "--tier", "Bulk")).ExitCode.ShouldBe(ExitCodes.ArchiveWaiting);
        _archive.Restore(_key, DateTimeOffset.UtcNow.AddDays(7));
        _archive.RefuseNextRead(_key);

        var result = await RestoreAsync("--dest", dest);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.ToString());
        result.Output.ShouldContain("FAILED    A008R8YY/Clips/A008C001.mov: could not be read from the store");
        result.Output.ShouldContain("The store refused 1 URL(s), expired most likely; asking the MAM for fresh ones.");
        result.Output.ShouldContain("Restore complete: every file verified against the hashes taken on set.");
        File.ReadAllBytes(Path.Combine(dest, Card, Clip)).ShouldBe(Content);
        using var archivist = _api.WithToken(_token);
        var record = await RestoreAssertions.RecordAsync(archivist, RestoreAssertions.RestoreId(result));
        record.GetProperty("state").GetString().ShouldBe("done");
    }

    [Test]
    public async Task Restore_WithWait_WaitsForTheArchiveTier_ThenRestores()
    {
        var dest = Temp.Combine("restored");

        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var error = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // On a thread of its own: the agent runs in-process, and this test changes the store while it waits.
        var run = Task.Run(() => AgentCli.RunAsync(["restore", "--api", _api.BaseUri.ToString(), "--token", _token, "--journal", Temp.Combine("journal.db"),
            "--card", Card, "--project", Project, "--dest", dest, "--tier", "Expedited", "--wait", "--wait-every", "1"], output, error, stop.Token));
        // The MAM asked the store to bring the clip back: the agent is waiting now.
        while (!run.IsCompleted && _archive.RestoreRequests.IsEmpty && !stop.IsCancellationRequested)
        {
            await Task.Delay(100);
        }
        run.IsCompleted.ShouldBeFalse($"{output}\n{error}");
        // The agent's next start finds the copy readable (the MAM looks at the store on every start).
        _archive.Restore(_key, DateTimeOffset.UtcNow.AddDays(7));
        var exit = await run;
        var result = new AgentResult(exit, output.ToString(), error.ToString());

        result.ExitCode.ShouldBe(ExitCodes.Success, result.ToString());
        result.Output.ShouldContain("Waiting for the archive tier: 1 of 1 file(s)");
        result.Output.ShouldContain("The archived files are readable now.");
        File.ReadAllBytes(Path.Combine(dest, Card, Clip)).ShouldBe(Content);
    }

    [Test]
    public async Task Restore_OfAnArchivedClip_WithoutATier_AsksForOne_AndRequestsNothing()
    {
        var result = await RestoreAsync("--dest", Temp.Combine("restored"));

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain("1 file(s) are in an archive tier and must be requested from the store first: choose a retrieval tier with --tier");
        _archive.RestoreRequests.ShouldBeEmpty();
    }

    private Task<AgentResult> RestoreAsync(params string[] arguments) =>
        Agent.RunAsync(["restore", "--api", _api.BaseUri.ToString(), "--token", _token, "--journal", Temp.Combine("journal.db"), "--card", Card, "--project", Project, .. arguments]);

    private async Task PollAsync()
    {
        await using var scope = _api.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ArchiveRestorePoll>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}
