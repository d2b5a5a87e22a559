using Mam.Media;
using Mam.Media.Capabilities;
using Mam.Media.Processes;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media.Capabilities;

/// <summary>The real ffmpeg, asked once, measured against what the pipeline's commands use.</summary>
[TestFixture]
[Category("Media")]
public sealed class FfmpegReadinessTests : TempFolderTest
{
    private static FfmpegReadiness Readiness(string ffmpegPath, string ffprobePath = "/usr/bin/ffprobe") =>
        new(new ProcessRunner(NullLogger<ProcessRunner>.Instance), Options.Create(new MediaToolsOptions { FfmpegPath = ffmpegPath, FfprobePath = ffprobePath }));

    [Test]
    public async Task Check_DebiansFfmpeg_HasEverythingThePipelineNeedsAndNamesItsHardware()
    {
        var report = await Readiness(TestMedia.Ffmpeg).CheckAsync(CancellationToken.None);

        report.Problems.ShouldBeEmpty();
        report.Version.ShouldNotBeNull().ShouldStartWith("5.1");
        report.Encoders["libx264"].ShouldBeTrue();
        report.Encoders["aac"].ShouldBeTrue();
        report.Filters.Keys.ShouldBe(["aformat", "ametadata", "amix", "aresample", "blackdetect", "ebur128", "format", "freezedetect",
            "hstack", "metadata", "null", "scale", "scdet", "setsar", "silencedetect", "split"]);
        report.Filters.Values.ShouldAllBe(present => present);
        report.HardwareAccelerators.ShouldContain("vaapi");
        report.HardwareEncoders.ShouldContain("h264_vaapi");
    }

    [Test]
    public async Task Check_FfmpegWithoutLibx264_SaysProxiesNeedItAndHowToGetIt()
    {
        var ffmpeg = FfmpegStandIn.WithoutEncoder(Temp.Path, "libx264");

        var report = await Readiness(ffmpeg.Path).CheckAsync(CancellationToken.None);

        report.IsReady.ShouldBeFalse();
        report.Encoders["libx264"].ShouldBeFalse();
        report.Encoders["aac"].ShouldBeTrue();
        report.Problems.ShouldHaveSingleItem().ShouldBe(
            $"ffmpeg {report.Version} at {ffmpeg.Path} has no libx264 encoder, which proxies, posters and filmstrips need: " +
            "install Debian's ffmpeg (apt-get install ffmpeg, as infra/install-deps.sh does) or set MediaTools:FfmpegPath to an ffmpeg that has it.");
    }

    [Test]
    public async Task Check_FfmpegNotInstalled_SaysWhereItLookedAndHowToInstallIt()
    {
        var report = await Readiness("/nonexistent/bin/ffmpeg").CheckAsync(CancellationToken.None);

        report.Version.ShouldBeNull();
        report.Encoders.Values.ShouldAllBe(present => !present);
        report.Problems.ShouldHaveSingleItem().ShouldBe(
            "The pipeline needs ffmpeg. ffmpeg not found at /nonexistent/bin/ffmpeg: install it with apt-get install ffmpeg");
    }

    [Test]
    public async Task Check_FfprobeNotInstalled_SaysWhereItLookedAndHowToInstallIt()
    {
        var report = await Readiness(TestMedia.Ffmpeg, "/nonexistent/bin/ffprobe").CheckAsync(CancellationToken.None);

        report.IsReady.ShouldBeFalse("every clip is probed first, so a worker without ffprobe must not start");
        report.Version.ShouldNotBeNull("ffmpeg itself answered");
        report.Problems.ShouldHaveSingleItem().ShouldBe(
            "The pipeline needs ffprobe (MediaTools:FfprobePath) to read each clip. ffprobe not found at /nonexistent/bin/ffprobe: install it with apt-get install ffmpeg");
    }

    [Test]
    public async Task Check_FfprobePathPointsAtFfmpeg_SaysItIsNotFfprobe()
    {
        var report = await Readiness(TestMedia.Ffmpeg, TestMedia.Ffmpeg).CheckAsync(CancellationToken.None);

        report.Problems.ShouldHaveSingleItem().ShouldBe(
            $"The pipeline needs ffprobe (MediaTools:FfprobePath) to read each clip. {TestMedia.Ffmpeg} is not ffprobe: its -version printed no \"ffprobe version …\" line.");
    }

    [Test]
    public async Task Check_AskedAgain_AnswersFromWhatFfmpegSaidTheFirstTime()
    {
        var ffmpeg = FfmpegStandIn.WithoutEncoder(Temp.Path, "libx264");
        var readiness = Readiness(ffmpeg.Path);

        var first = await readiness.CheckAsync(CancellationToken.None);
        var callsAfterFirst = ffmpeg.Calls;
        var second = await readiness.CheckAsync(CancellationToken.None);

        callsAfterFirst.ShouldBe(4, "-version, -encoders, -filters and -hwaccels");
        ffmpeg.Calls.ShouldBe(4);
        second.ShouldBeSameAs(first);
    }
}
