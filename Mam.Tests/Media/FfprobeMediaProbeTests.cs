using Mam.Media;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media;

[TestFixture]
[Category("Media")]
public class FfprobeMediaProbeTests
{
    private readonly FfprobeMediaProbe probe = MediaTestOptions.Probe();

    [TestCase("Take 2 – café.mov")]
    [TestCase("it's \"quoted\" \\ $HOME.mov")]
    [TestCase("-starts with dash.mov")]
    public async Task ProbeAsync_ClipWithAwkwardName_ReadsItsTechnicalMetadata(string fileName)
    {
        using var temp = new TempFolder();
        var clip = await TestMedia.MakeClipAsync(temp.Path, fileName, 2, CancellationToken.None);

        var info = await probe.ProbeAsync(clip, CancellationToken.None);

        info.Video.ShouldNotBeNull().Codec.ShouldBe("prores");
        info.Video.Width.ShouldBe(1280);
        info.FrameRate.ShouldBe(new FrameRate(25, 1));
        info.StartTimecode.ShouldBe("01:00:00:00");
        info.DurationSeconds.ShouldNotBeNull().ShouldBe(2.0, 0.05);
        info.Audio.ShouldHaveSingleItem().SampleRate.ShouldBe(48000);
    }

    [Test]
    public async Task ProbeAsync_ClipWithoutAudio_ReportsNoAudio()
    {
        using var temp = new TempFolder();
        var clip = await TestMedia.MakeClipWithoutAudioAsync(temp.Path, "B-roll.mov", 1, CancellationToken.None);

        var info = await probe.ProbeAsync(clip, CancellationToken.None);

        info.HasVideo.ShouldBeTrue();
        info.HasAudio.ShouldBeFalse();
    }

    [Test]
    public async Task ProbeAsync_TruncatedClip_ThrowsMessageAUserUnderstands()
    {
        using var temp = new TempFolder();
        var clip = await TestMedia.MakeTruncatedClipAsync(temp.Path, "A001C007 copy.mov", CancellationToken.None);

        var ex = await Should.ThrowAsync<MediaProbeException>(() => probe.ProbeAsync(clip, CancellationToken.None));

        ex.Message.ShouldBe("ffprobe could not read 'A001C007 copy.mov': Invalid data found when processing input");
    }

    [Test]
    public async Task ProbeAsync_RandomBytes_ThrowsMediaProbeException()
    {
        using var temp = new TempFolder();
        var file = await TestMedia.MakeRandomBytesFileAsync(temp.Path, "x.mov", CancellationToken.None);

        var ex = await Should.ThrowAsync<MediaProbeException>(() => probe.ProbeAsync(file, CancellationToken.None));

        ex.Message.ShouldStartWith("ffprobe could not read 'x.mov': ");
    }

    [Test]
    public async Task ProbeAsync_MissingFile_SaysSo()
    {
        using var temp = new TempFolder();

        var ex = await Should.ThrowAsync<MediaProbeException>(() => probe.ProbeAsync(temp.File("gone.mov"), CancellationToken.None));

        ex.Message.ShouldContain("does not exist");
    }

    [Test]
    public async Task ProbeAsync_WhenFfprobeIsNotInstalled_SaysWhereItLookedAndHowToInstallIt()
    {
        using var temp = new TempFolder();
        var clip = await TestMedia.MakeClipWithoutAudioAsync(temp.Path, "A001C001.mov", 1, CancellationToken.None);
        var missing = new FfprobeMediaProbe(new ProcessRunner(NullLogger<ProcessRunner>.Instance),
            Options.Create(new MediaToolsOptions { FfprobePath = "/nonexistent/bin/ffprobe" }));

        var ex = await Should.ThrowAsync<MediaProbeException>(() => missing.ProbeAsync(clip, CancellationToken.None));

        ex.Message.ShouldBe("ffprobe could not read 'A001C001.mov': ffprobe not found at /nonexistent/bin/ffprobe: install it with apt-get install ffmpeg");
    }
}
