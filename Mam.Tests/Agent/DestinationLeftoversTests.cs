using Mam.Integrity.AscMhl;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>A card folder on a destination holds the card and its ASC MHL history, nothing of the agent's own.</summary>
[TestFixture]
public sealed class DestinationLeftoversTests : TempFolderTest
{
    [Test]
    public async Task Offload_WhenItSucceeds_LeavesNoLockOrMarkerFileInTheHistoryFolder()
    {
        var card = SampleCard.Create(Temp);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"));

        result.ExitCode.ShouldBe(0, result.ToString());
        var history = Temp.Combine("raid", "A001R1AB", "ascmhl");
        var files = Directory.GetFiles(history).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        files.Count.ShouldBe(3);
        files[0].ShouldMatch(@"^0001_A001R1AB_.*Z\.mhl$");
        files[1].ShouldMatch(@"^0001_A001R1AB_.*Z\.report\.json$");
        files[2].ShouldBe("ascmhl_chain.xml");
    }

    [Test]
    public async Task Offload_WhenAFileFails_LeavesNoLockOrMarkerFileEither()
    {
        var card = SampleCard.Create(Temp);
        File.CreateSymbolicLink(Path.Combine(card, "Clips", "A001C003_261121_R1AB.mov"), Temp.Combine("gone", "A001C003.mov"));

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"));

        result.ExitCode.ShouldBe(1, result.ToString());
        Directory.GetFiles(Temp.Combine("raid", "A001R1AB", "ascmhl"), ".mam-ingest*").ShouldBeEmpty();
    }

    [Test]
    public async Task Offload_WhenNothingCouldBeCopied_LeavesNoEmptyHistoryFolder()
    {
        var card = Temp.Combine("cards", "A001R1AB");
        Directory.CreateDirectory(Path.Combine(card, "Clips"));
        File.CreateSymbolicLink(Path.Combine(card, "Clips", "A001C003_261121_R1AB.mov"), Temp.Combine("gone", "A001C003.mov"));

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"));

        result.ExitCode.ShouldBe(1, result.ToString());
        Directory.Exists(Temp.Combine("raid", "A001R1AB", "ascmhl")).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_IntoAFolderAnOlderAgentMarked_ContinuesThatFolderAndRemovesTheMarker()
    {
        var card = SampleCard.Create(Temp);
        (await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"))).ExitCode.ShouldBe(0);
        var marker = Temp.Combine("raid", "A001R1AB", "ascmhl", ".mam-ingest-card");
        await File.WriteAllTextAsync(marker, "4f1c2a9b0d3e5f67");

        var again = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"));

        again.ExitCode.ShouldBe(0, again.ToString());
        Directory.Exists(Temp.Combine("raid", "A001R1AB_2")).ShouldBeFalse();
        (await MhlHistory.OpenAsync(Temp.Combine("raid", "A001R1AB"), CancellationToken.None)).Generations.Count.ShouldBe(2);
        File.Exists(marker).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_OfTheSameCardAfterMoreTakes_ContinuesItsFolderAndListsTheNewTakeAsOriginal()
    {
        var card = SampleCard.Create(Temp);
        (await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"))).ExitCode.ShouldBe(0);
        Temp.WriteFile(Path.Combine("cards", "A001R1AB", "Clips", "A001C003_261121_R1AB.mov"), new byte[5000]);

        var again = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"));

        again.ExitCode.ShouldBe(0, again.ToString());
        Directory.Exists(Temp.Combine("raid", "A001R1AB_2")).ShouldBeFalse();
        SampleCard.ShouldHoldExactCopyOf(Temp.Combine("raid", "A001R1AB"), card);
        var history = await MhlHistory.OpenAsync(Temp.Combine("raid", "A001R1AB"), CancellationToken.None);
        var second = (await history.ReadGenerationsAsync(CancellationToken.None))[^1];
        second.Files.Single(f => f.Path == "Clips/A001C003_261121_R1AB.mov").Hashes.Single().Action.ShouldBe(MhlHashAction.Original);
        second.Files.Single(f => f.Path == "Clips/A001C001_261121_R1AB.mov").Hashes.Single().Action.ShouldBe(MhlHashAction.Verified);
    }
}
