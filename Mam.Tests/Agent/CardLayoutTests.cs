using System.Text.Json;
using Ingest.Agent.Cards;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class CardLayoutTests() : TempFolderTest("layout")
{
    [Test]
    public void Identify_SonyXavcCard_ByItsPrivateM4RootFolder()
    {
        Temp.WriteFile("FX6_CARD/PRIVATE/M4ROOT/CLIP/C0001.MP4", [1]);

        var card = CardLayouts.Identify(Temp.Combine("FX6_CARD"));

        card.Layout.ShouldBe("Sony XAVC");
        card.Name.ShouldBe("FX6_CARD");
    }

    [Test]
    public void Identify_CanonCard_ByItsContentsClipsFolder()
    {
        Temp.WriteFile("C300/CONTENTS/CLIPS001/AA0012/AA001201.MXF", [1]);

        CardLayouts.Identify(Temp.Combine("C300")).Layout.ShouldBe("Canon XF");
    }

    [Test]
    public void Identify_RedCard_NamesTheRollAfterTheRdmFolder()
    {
        Temp.WriteFile("RED_MAG/A004_0817NK.RDM/A004_C001_0817R3.RDC/A004_C001_0817R3_001.R3D", [1]);

        var card = CardLayouts.Identify(Temp.Combine("RED_MAG"));

        card.Layout.ShouldBe("RED");
        card.Camera.ShouldBe("A");
        card.Roll.ShouldBe("A004");
    }

    [Test]
    public void Identify_BlackmagicCard_TakesCameraAndRollFromTheClipName()
    {
        Temp.WriteFile("BMPCC/A002_08151412_C003.braw", [1]);

        var card = CardLayouts.Identify(Temp.Combine("BMPCC"));

        card.Layout.ShouldBe("Blackmagic");
        card.Roll.ShouldBe("A002");
    }

    [Test]
    public async Task Offload_WritesAJsonReportBesideTheMhlThatTheNextGenerationIgnores()
    {
        var card = SampleCard.Create(Temp);

        var first = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--hash", "xxh64,sha1");
        first.ExitCode.ShouldBe(0, first.ToString());
        var report = Directory.GetFiles(Temp.Combine("d1", "A001R1AB", "ascmhl"), "*.report.json").Single();
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        json.RootElement.GetProperty("allVerified").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("card").GetProperty("roll").GetString().ShouldBe("A001");
        json.RootElement.GetProperty("items").EnumerateArray().First(i => i.GetProperty("path").GetString() == "Sidecar.txt")
            .GetProperty("hashes").GetProperty("sha1").GetString()!.Length.ShouldBe(40);
        json.RootElement.GetProperty("destinations")[0].GetProperty("result").GetString().ShouldBe("ok");

        var verify = await Agent.RunAsync("verify", Temp.Combine("d1", "A001R1AB"));
        verify.ExitCode.ShouldBe(0, verify.ToString());
        verify.Output.ShouldNotContain("report.json");
    }

    [Test]
    public async Task Offload_WithJson_PrintsOneEventPerLineEndingWithTheSummary()
    {
        var card = SampleCard.Create(Temp);

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"), "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToList();
        events[0].ShouldBe("scanned");
        events.Count(e => e == "file").ShouldBe(4);
        events[^1].ShouldBe("summary");
    }
}
