using Mam.Tests.Support;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class ResumableUploadTests() : TempFolderTest("upload")
{
    private const string Key = "test-key";

    [Test]
    public async Task Offload_WithSessionApi_SendsHashedPartsThenCompletesEveryFileAndRegisters()
    {
        var card = SampleCard.Create(Temp);
        await using var api = await UploadSessionStandIn.StartAsync(Key);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key);

        result.ExitCode.ShouldBe(0, result.ToString());
        var clip = "Clips/A001C001_261121_R1AB.mov";
        api.Stored[$"projects/Feature/cards/A001R1AB/{clip}"].AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(card, clip))).ShouldBeTrue();
        var parts = api.Requests.Where(r => r.Method == "PUT").ToList();
        parts.Count.ShouldBeGreaterThan(48, "a 3 MiB clip in 64 KiB parts");
        parts.ShouldAllBe(p => p.Headers.ContainsKey("X-Content-XXH64") && p.Headers["Authorization"] == "Bearer " + Key);
        api.Requests.Last().RawTarget.ShouldBe("/api/cards");
        result.Output.ShouldContain("Registered card A001R1AB");
    }

    [Test]
    public async Task Upload_WithPresignedPartUrls_SendsNoApiKeyToStorage()
    {
        var card = SampleCard.Create(Temp);
        (await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"))).ExitCode.ShouldBe(0);
        await using var api = await UploadSessionStandIn.StartAsync(Key);
        api.Presigned = true;

        var result = await Agent.RunAsync("upload", Temp.Combine("d1", "A001R1AB"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key);

        result.ExitCode.ShouldBe(0, result.ToString());
        var storagePuts = api.Requests.Where(r => r.RawTarget.StartsWith("/storage/", StringComparison.Ordinal)).ToList();
        storagePuts.ShouldNotBeEmpty();
        storagePuts.ShouldAllBe(r => !r.Headers.ContainsKey("Authorization"));
        api.Stored.Keys.ShouldContain("projects/Feature/cards/A001R1AB/Sidecar.txt");
    }

    [Test]
    public async Task Upload_ToAStoreThatChecksPartChecksums_SendsEachPartsXxh64_AndAPartRefusedOnceWithBadDigest_IsSentAgain()
    {
        var card = SampleCard.Create(Temp);
        (await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"))).ExitCode.ShouldBe(0);
        await using var api = await UploadSessionStandIn.StartAsync(Key);
        api.StoreChecksums = true;
        api.BadDigestsToAnswer = 1;

        var result = await Agent.RunAsync("upload", Temp.Combine("d1", "A001R1AB"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key, "--parts-in-flight", "1");

        result.ExitCode.ShouldBe(0, result.ToString());
        var storagePuts = api.Requests.Where(r => r.RawTarget.StartsWith("/storage/", StringComparison.Ordinal)).ToList();
        storagePuts.ShouldAllBe(r => r.Headers["x-amz-checksum-xxhash64"] == Convert.ToBase64String(System.IO.Hashing.XxHash64.Hash(r.Body)));
        storagePuts.Count.ShouldBe(api.AcceptedParts.Count + 1, "the refused part was sent once more");
        api.Requests.ShouldNotContain(r => r.RawTarget.StartsWith("/api/uploads/", StringComparison.Ordinal) && r.Method == "PUT", "parts go straight to the store");
        api.Stored.Keys.ShouldContain("projects/Feature/cards/A001R1AB/Sidecar.txt");
    }

    [Test]
    public async Task Upload_WhenTheStoreKeepsAnsweringBadDigest_FailsNamingTheStoresWords_AndRecordsNoPartAsSent()
    {
        var card = SampleCard.Create(Temp);
        (await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"))).ExitCode.ShouldBe(0);
        await using var api = await UploadSessionStandIn.StartAsync(Key);
        api.StoreChecksums = true;
        api.BadDigestsToAnswer = int.MaxValue;

        var result = await Agent.RunAsync("upload", Temp.Combine("d1", "A001R1AB"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key);

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain("the object store answered 400 BadDigest: The XXHASH64 you specified did not match the calculated checksum.");
        api.AcceptedParts.ShouldBeEmpty();
        api.Requests.ShouldNotContain(r => r.RawTarget == "/api/cards", "a card whose files are not stored is not registered");
    }

    [Test]
    public async Task Upload_WhenStorageGoesDownMidway_ExitsWithThreeWithoutRegisteringAndTheRerunSendsOnlyMissingParts()
    {
        var card = SampleCard.Create(Temp);
        var journal = Temp.Combine("journal.db");
        await using var api = await UploadSessionStandIn.StartAsync(Key);
        api.PartsBeforeOutage = 10;
        string[] offload = ["offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key, "--api-retries", "1", "--journal", journal];

        var interrupted = await Agent.RunAsync(offload);

        interrupted.ExitCode.ShouldBe(3, interrupted.ToString());
        interrupted.Error.ShouldContain("run again to upload");
        interrupted.Output.ShouldNotContain("Registered card");
        api.Requests.ShouldNotContain(r => r.RawTarget == "/api/cards");
        var acceptedBefore = api.AcceptedParts.Count;
        acceptedBefore.ShouldBe(10);

        api.PartsBeforeOutage = int.MaxValue;
        var resumed = await Agent.RunAsync("upload", Temp.Combine("d1", "A001R1AB"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key, "--journal", journal);

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        api.AcceptedParts.Distinct().Count().ShouldBe(api.AcceptedParts.Count, "no part is sent twice once the server has it");
        var clip = "Clips/A001C001_261121_R1AB.mov";
        api.Stored[$"projects/Feature/cards/A001R1AB/{clip}"].AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(card, clip))).ShouldBeTrue();
        resumed.Output.ShouldContain("Registered card A001R1AB");
    }
}
