using System.Globalization;
using System.Xml.Linq;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Media.Speech;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Media;

[TestFixture]
[Category("Media")]
public class SampleCardScriptTests
{
    [Test]
    public async Task MakeSampleCard_WritesAnArriStyleCardWhoseSpeechIsRecognisedAtTheListedOffsets()
    {
        using var temp = new TempFolder();
        var probe = MediaTestOptions.Probe();

        var card = await TestMedia.MakeSampleCardAsync(temp.Path, CancellationToken.None);

        Path.GetFileName(card).ShouldBe("A001R1AB");
        var clips = Directory.GetFiles(card, "*.mov").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        clips.ShouldBe(["A001C001_261121_R1AB.mov", "A001C002_261121_R1AB.mov", "A001C003_261121_R1AB.mov", "A001C004_261121_R1AB.mov"]);
        foreach (var clip in clips)
        {
            XDocument.Load(Path.Combine(card, Path.ChangeExtension(clip!, ".xml"))).Root!.Name.LocalName.ShouldBe("ClipMetadata");
        }

        XDocument.Load(Path.Combine(card, "A001R1AB.xml")).Descendants("Clip").Count().ShouldBe(4);
        Directory.GetFiles(card).Sum(f => new FileInfo(f).Length).ShouldBeLessThan(60L * 1024 * 1024);

        var infos = new Dictionary<string, MediaInfo>(StringComparer.Ordinal);
        foreach (var clip in clips)
        {
            var info = await probe.ProbeAsync(Path.Combine(card, clip!), CancellationToken.None);
            info.Video.ShouldNotBeNull().Codec.ShouldBe("prores");
            info.Video.Profile.ShouldBe("Proxy");
            (info.Video.Width, info.Video.Height).ShouldBe((1280, 720));
            info.FrameRate.ShouldBe(new FrameRate(25, 1));
            info.StartTimecode.ShouldNotBeNull();
            infos[clip!] = info;
        }

        infos["A001C004_261121_R1AB.mov"].HasAudio.ShouldBeFalse("the B-roll clip is MOS");
        infos["A001C001_261121_R1AB.mov"].Audio.ShouldHaveSingleItem().SampleRate.ShouldBe(48000);

        var lines = (await File.ReadAllLinesAsync(Path.Combine(temp.Path, "sample-card-lines.tsv")))
            .Skip(1).Select(l => l.Split('\t')).ToList();
        lines.Count.ShouldBeGreaterThanOrEqualTo(3);
        lines.Select(l => l[2]).Distinct(StringComparer.Ordinal).Count().ShouldBe(lines.Count, "each sentence is distinct");
        lines.Select(l => l[0]).Distinct(StringComparer.Ordinal).Count().ShouldBe(3);

        // One clip end to end: its listed sentences are recognised near their listed offsets.
        var transcriber = Speech.SpeechTestServices.Transcriber();
        var transcript = await transcriber.TranscribeAsync(Path.Combine(card, "A001C002_261121_R1AB.mov"), CancellationToken.None);
        foreach (var line in lines.Where(l => l[0] == "A001C002_261121_R1AB.mov"))
        {
            var offset = double.Parse(line[1], CultureInfo.InvariantCulture);
            transcript.Segments.ShouldContain(s => Math.Abs(s.Start - offset) < 1.0 && line[2].StartsWith(s.Words[0].Word, StringComparison.Ordinal),
                $"a segment starting near {offset}s with the first word of '{line[2]}'");
        }
    }
}
