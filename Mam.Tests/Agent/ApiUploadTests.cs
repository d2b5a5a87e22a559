using Mam.Tests.Support;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mam.Tests.Integrity;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class ApiUploadTests : TempFolderTest
{
    private const string Key = "test-key-7f3a";
    private const string OddClip = "Clips/Café take 1.mov";

    [Test]
    public async Task Offload_WithApi_UploadsEveryVerifiedFileWithHashHeadersThenRegistersTheCard()
    {
        var card = CardWithOddName();
        await using var api = await RecordingApiStandIn.StartAsync(Key);
        var d1 = Temp.Combine("d1");

        var result = await Agent.RunAsync("offload", card, "--dest", d1, "--dest", Temp.Combine("d2"), "--project", "Feature Film", "--dit", "Dana", "--api", api.BaseAddress.ToString(), "--token", Key);

        result.ExitCode.ShouldBe(0, result.ToString());
        var copy = Path.Combine(d1, "A001R1AB");
        var requests = api.Requests.ToList();
        var uploads = requests.Where(r => r.Method == "PUT").ToList();
        // The agent's own lock and card marker stay on the destination.
        var expectedPaths = SampleCard.Files(copy).Where(p => !p.StartsWith("ascmhl/.mam-ingest", StringComparison.Ordinal)).ToList();
        expectedPaths.ShouldContain("ascmhl/ascmhl_chain.xml");
        uploads.Select(r => r.RawTarget).ShouldBe(
            expectedPaths.Select(p => "/api/cards/Feature%20Film/A001R1AB/files/" + string.Join('/', p.Split('/').Select(Uri.EscapeDataString))),
            ignoreOrder: true);
        uploads.ShouldContain(r => r.RawTarget == "/api/cards/Feature%20Film/A001R1AB/files/Clips/Caf%C3%A9%20take%201.mov");
        foreach (var path in expectedPaths)
        {
            var upload = uploads.Single(r => r.RawTarget.EndsWith("/files/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString)), StringComparison.Ordinal));
            var onDisk = Path.Combine(copy, path);
            upload.Headers["Authorization"].ShouldBe("Bearer " + Key);
            upload.Headers["X-Content-XXH64"].ShouldBe(await ExternalTool.XxhsumAsync(onDisk), path);
            upload.Body.ShouldBe(File.ReadAllBytes(onDisk), path);
        }

        requests[^1].Method.ShouldBe("POST");
        requests.Count(r => r.Method == "POST" && r.RawTarget == "/api/cards").ShouldBe(1);
        requests[^1].RawTarget.ShouldBe("/api/cards");
        requests[^1].Headers["Authorization"].ShouldBe("Bearer " + Key);
        using var registration = JsonDocument.Parse(requests[^1].Body);
        var root = registration.RootElement;
        root.GetProperty("project").GetString().ShouldBe("Feature Film");
        root.GetProperty("name").GetString().ShouldBe("A001R1AB");
        root.GetProperty("camera").GetString().ShouldBe("A");
        root.GetProperty("roll").GetString().ShouldBe("A001");
        root.GetProperty("dit").GetString().ShouldBe("Dana");
        root.GetProperty("sourceVolume").GetString().ShouldBe(card);
        // UTC, to the second, in ISO 8601 (the shared contract carries a DateTimeOffset, so UTC is written +00:00).
        root.GetProperty("offloadedAt").GetString()!.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|\+00:00)$");
        var files = root.GetProperty("files").EnumerateArray().ToList();
        files.Select(f => f.GetProperty("path").GetString()).ShouldBe(expectedPaths, ignoreOrder: true);
        var odd = files.Single(f => f.GetProperty("path").GetString() == OddClip);
        odd.GetProperty("size").GetInt64().ShouldBe(new FileInfo(Path.Combine(copy, OddClip)).Length);
        odd.GetProperty("hashes").GetProperty("xxh64").GetString().ShouldBe(await ExternalTool.XxhsumAsync(Path.Combine(copy, OddClip)));
        odd.GetProperty("storageKey").GetString().ShouldBe("projects/Feature Film/cards/A001R1AB/" + OddClip);
        result.Output.ShouldContain("Registered card A001R1AB");
    }

    [Test]
    public async Task Offload_WhenTheApiFailsTransiently_RetriesAndSucceeds()
    {
        var card = SampleCard.Create(Temp);
        await using var api = await RecordingApiStandIn.StartAsync(Key);
        api.TransientUploadFailures = 1;

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key, "--api-retries", "2");

        result.ExitCode.ShouldBe(0, result.ToString());
        var uploads = api.Requests.Where(r => r.Method == "PUT").Select(r => r.RawTarget).ToList();
        uploads.Count.ShouldBe(uploads.Distinct().Count() + 1);
        api.Requests.Last().Method.ShouldBe("POST");
    }

    [Test]
    public async Task Offload_WhenTheApiRejectsAHash_PrintsTheProblemAndExitsWithThree()
    {
        var card = SampleCard.Create(Temp);
        await using var api = await RecordingApiStandIn.StartAsync(Key);
        api.RejectUploadOf = "Sidecar.txt";
        var d1 = Temp.Combine("d1");

        var result = await Agent.RunAsync("offload", card, "--dest", d1, "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key);

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("422");
        result.Error.ShouldContain("Hash mismatch");
        result.Error.ShouldContain("The server computed xxh64");
        result.Error.ShouldContain($"the card is safe at {Path.Combine(d1, "A001R1AB")}");
        api.Requests.ShouldNotContain(r => r.Method == "POST" && r.RawTarget == "/api/cards");
        result.Output.ShouldNotContain("Registered card");
        SampleCard.ShouldHoldExactCopyOf(Path.Combine(d1, "A001R1AB"), card);
    }

    [Test]
    public async Task Offload_WithAWrongToken_PrintsUnauthorizedAndExitsWithThree_WithoutPrintingTheToken()
    {
        var card = SampleCard.Create(Temp);
        await using var api = await RecordingApiStandIn.StartAsync(Key);
        const string Wrong = "mam_wrong-token-never-to-be-printed";

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Wrong);

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("401");
        result.Error.ShouldContain("A valid access token is required.");
        result.ToString().ShouldNotContain(Wrong);
        api.Requests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Offload_WithTheTokenInAFile_SendsItAsABearerToken_AndNeverPrintsIt()
    {
        var card = SampleCard.Create(Temp);
        await using var api = await RecordingApiStandIn.StartAsync(Key);
        var tokenFile = Temp.Combine("token");
        await File.WriteAllTextAsync(tokenFile, Key + "\n");

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token-file", tokenFile);

        result.ExitCode.ShouldBe(0, result.ToString());
        api.Requests.ShouldContain(r => r.Method == "POST" && r.RawTarget == "/api/cards" && r.Headers["Authorization"] == "Bearer " + Key);
        result.ToString().ShouldNotContain(Key);
    }

    [Test]
    public async Task Offload_WithATokenFileThatCannotBeRead_SaysWhichFileBeforeCopyingAnything()
    {
        var card = SampleCard.Create(Temp);
        var dest = Temp.Combine("d1");

        var result = await Agent.RunAsync("offload", card, "--dest", dest, "--project", "Feature", "--api", "http://127.0.0.1:9", "--token-file", Temp.Combine("no-such-token"));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("Cannot read the token file " + Temp.Combine("no-such-token"));
        Directory.Exists(dest).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_WhenTheApiIsUnreachable_SaysTheCardIsSafeAndExitsWithThree()
    {
        var card = SampleCard.Create(Temp);
        var closedPort = ClosedLoopbackPort();
        var d1 = Temp.Combine("d1");
        var url = $"http://127.0.0.1:{closedPort}";

        var result = await Agent.RunAsync("offload", card, "--dest", d1, "--project", "Feature", "--api", url, "--token", Key, "--api-retries", "1");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain($"Could not reach the MAM API at {url}/");
        result.Error.ShouldContain($"the card is safe at {Path.Combine(d1, "A001R1AB")}; run again to upload");
        result.Output.ShouldNotContain("Registered card");
        SampleCard.ShouldHoldExactCopyOf(Path.Combine(d1, "A001R1AB"), card);
    }

    private string CardWithOddName()
    {
        var card = SampleCard.Create(Temp);
        Temp.WriteFile(Path.Combine(card, OddClip), [1, 2, 3, 4, 5, 6, 7]);
        return card;
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
