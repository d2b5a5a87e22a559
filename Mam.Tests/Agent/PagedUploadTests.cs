using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>A large file's parts come from the API a page at a time (1,000 a page there; a few here, from
/// the stand-in); the agent must follow every page or it completes an upload with parts missing.</summary>
[TestFixture]
public sealed class PagedUploadTests() : TempFolderTest("paged")
{
    private const string Key = "test-key";

    [Test]
    public async Task Offload_WhenThePartListComesInPages_SendsEveryPartOnceAndRegisters()
    {
        var card = SampleCard.Create(Temp);
        await using var api = await UploadSessionStandIn.StartAsync(Key);
        api.PartsPerPage = 5;

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", "Feature", "--api", api.BaseAddress.ToString(), "--token", Key);

        result.ExitCode.ShouldBe(0, result.ToString());
        var clip = "Clips/A001C001_261121_R1AB.mov";
        api.Stored[$"projects/Feature/cards/A001R1AB/{clip}"].AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(card, clip))).ShouldBeTrue();
        api.Requests.Count(r => r.Method == "GET" && r.RawTarget.Contains("?firstPart=", StringComparison.Ordinal))
            .ShouldBeGreaterThanOrEqualTo(9, "a 3 MiB clip is 48 parts of 64 KiB: ten pages of five");
        api.AcceptedParts.Count.ShouldBe(api.AcceptedParts.Distinct().Count(), "no part is sent twice");
        result.Output.ShouldContain("Registered card A001R1AB");
    }

    [Test]
    public async Task Offload_WithAProjectNameOver255Bytes_IsRefusedBeforeAnythingIsCopied()
    {
        var card = SampleCard.Create(Temp);
        var project = new string('é', 128);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--project", project, "--api", "http://127.0.0.1:9/", "--token", Key);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("256 bytes long in UTF-8, and a name may be at most 255 bytes");
        Directory.Exists(Temp.Combine("d1")).ShouldBeFalse("nothing was copied");
    }
}
