using Mam.Integrity.Cards;

namespace Mam.Tests.Integrity;

/// <summary>The one rule for what a clip is, which the agent's report and the server's registration share.</summary>
[TestFixture]
public sealed class CardLayoutTests
{
    [Test]
    public void Clips_PutSidecarsWithTheirClipsAndLeaveJunkAndHistoryOut()
    {
        var clips = CardLayout.Clips(
        [
            "PRIVATE/M4ROOT/CLIP/C0001.MP4",
            "PRIVATE/M4ROOT/CLIP/C0001M01.XML",
            "Clips/A001C001_261121_R1AB.mov",
            "Clips/A001C001_261121_R1AB.xml",
            "Sidecar.txt",
            "._A001C001_261121_R1AB.mov",
            ".DS_Store",
            "ascmhl/0001_A001_2026-11-21_120000Z.mhl",
        ]);

        clips.Select(c => c.Name).ShouldBe(["A001C001_261121_R1AB", "C0001"]);
        var sony = clips.Single(c => c.Name == "C0001");
        sony.Essence.ShouldBe("PRIVATE/M4ROOT/CLIP/C0001.MP4");
        sony.Sidecars.ShouldBe(["PRIVATE/M4ROOT/CLIP/C0001M01.XML"]);
        clips.SelectMany(c => c.Files).ShouldNotContain("Sidecar.txt");
        clips.SelectMany(c => c.Files).ShouldNotContain("._A001C001_261121_R1AB.mov");
        clips.SelectMany(c => c.Files).ShouldNotContain(p => p.StartsWith("ascmhl/", StringComparison.Ordinal));
    }

    [Test]
    public void Clips_ARedClipSpannedOverSeveralR3dFilesIsOneClipOpenedAtItsFirstSpan()
    {
        var clips = CardLayout.Clips(
        [
            "A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_003.R3D",
            "A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_001.R3D",
            "A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_002.R3D",
            "A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB.RTN",
            "A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB.RMD",
            "A004.RDM/A004_C002_0101CD.RDC/A004_C002_0101CD_001.R3D",
        ]);

        clips.Count.ShouldBe(2);
        var first = clips[0];
        first.Name.ShouldBe("A004_C001_0101AB");
        first.Essence.ShouldBe("A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_001.R3D");
        first.Parts.ShouldBe(["A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_002.R3D", "A004.RDM/A004_C001_0101AB.RDC/A004_C001_0101AB_003.R3D"]);
        first.Sidecars.Count.ShouldBe(2);
        clips[1].Name.ShouldBe("A004_C002_0101CD");
    }

    [Test]
    public void Clips_CanonXfClipFolderIsOneClip()
    {
        var clips = CardLayout.Clips(
        [
            "CONTENTS/CLIPS001/AA0001/AA000101.MXF",
            "CONTENTS/CLIPS001/AA0001/AA0001.XML",
            "CONTENTS/CLIPS001/AA0001/AA000101.CIF",
            "CONTENTS/CLIPS001/AA0002/AA000201.MXF",
            "CONTENTS/CLIPS001/INDEX.MIF",
        ]);

        clips.Select(c => c.Name).ShouldBe(["AA0001", "AA0002"]);
        clips[0].Sidecars.ShouldBe(["CONTENTS/CLIPS001/AA0001/AA0001.XML", "CONTENTS/CLIPS001/AA0001/AA000101.CIF"]);
    }

    [Test]
    public void Clips_ACinemaDngFolderOfFramesIsOneClipNotOneClipPerFrame()
    {
        var frames = Enumerable.Range(0, 48).Select(i => $"A001_08121012_C001/A001_08121012_C001_{i:000000}.dng").ToList();

        var clips = CardLayout.Clips(frames);

        clips.Count.ShouldBe(1);
        clips[0].Name.ShouldBe("A001_08121012_C001");
        clips[0].Essence.ShouldBe(frames[0]);
        clips[0].Parts.Count.ShouldBe(47);
    }

    [Test]
    public void Clips_SoundBesideAMovieOfTheSameNameIsPartOfTheClipAndTheMovieIsOpened()
    {
        var clips = CardLayout.Clips(["Clips/A001C003.wav", "Clips/A001C003.mov", "Sound/T001.wav"]);

        clips.Count.ShouldBe(2);
        clips[0].Essence.ShouldBe("Clips/A001C003.mov");
        clips[0].Parts.ShouldBe(["Clips/A001C003.wav"]);
        clips[1].Name.ShouldBe("T001");
    }

    [Test]
    public void Clips_MetadataNamedAfterAClipGoesToTheLongestMatchingClipInItsFolder()
    {
        var clips = CardLayout.Clips(["Clips/C1.mov", "Clips/C10.mov", "Clips/C10_lut.cube", "Clips/C1_notes.txt", "Other/C1_notes.txt"]);

        clips.Single(c => c.Name == "C10").Sidecars.ShouldBe(["Clips/C10_lut.cube"]);
        clips.Single(c => c.Name == "C1").Sidecars.ShouldBe(["Clips/C1_notes.txt"]);
    }
}
