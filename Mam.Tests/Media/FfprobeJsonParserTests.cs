using Mam.Media.Probing;
using Mam.Tests.Support;

namespace Mam.Tests.Media;

/// <summary>Runs on ffprobe 5.1 output saved from clips generated with ffmpeg (see TestData/ffprobe).</summary>
[TestFixture]
public class FfprobeJsonParserTests
{
    private static MediaInfo ParseSaved(string name) =>
        FfprobeJsonParser.Parse(File.ReadAllText(TestMedia.TestDataFile("ffprobe", name)), name);

    [Test]
    public void Parse_ProRes25pCameraClip_ReadsVideoAudioRateAndTimecode()
    {
        var info = ParseSaved("A001C001_261121_R1AB.json");

        info.FormatName.ShouldStartWith("mov");
        info.DurationSeconds.ShouldNotBeNull().ShouldBe(4.0, 0.01);
        info.FrameRate.ShouldBe(new FrameRate(25, 1));
        info.StartTimecode.ShouldBe("01:00:00:00");
        info.Video.ShouldNotBeNull();
        info.Video.Codec.ShouldBe("prores");
        info.Video.Profile.ShouldBe("Proxy");
        (info.Video.Width, info.Video.Height).ShouldBe((1280, 720));
        info.Audio.Count.ShouldBe(1);
        info.Audio[0].SampleRate.ShouldBe(48000);
        info.Audio[0].Codec.ShouldBe("pcm_s24le");
    }

    [Test]
    public void Parse_Ntsc2997Clip_KeepsRationalRateAndDropFrameTimecode()
    {
        var info = ParseSaved("ntsc_df.json");

        info.FrameRate.ShouldBe(new FrameRate(30000, 1001));
        info.FrameRate!.Value.IsNtsc.ShouldBeTrue();
        info.StartTimecode.ShouldBe("00:59:59;28");
        info.Audio.Single().ChannelLayout.ShouldBe("stereo");
    }

    [Test]
    public void Parse_ClipWithoutAudio_HasVideoAndNoAudio()
    {
        var info = ParseSaved("broll_noaudio.json");

        info.HasVideo.ShouldBeTrue();
        info.HasAudio.ShouldBeFalse();
        info.StartTimecode.ShouldBe("10:00:00:00");
    }

    [Test]
    public void Parse_Mp4WithTwoAudioStreams_ListsBothWithTheirIndexChannelsAndRates()
    {
        var info = ParseSaved("two_audio.json");

        info.Audio.Select(a => (a.Index, a.Channels, a.SampleRate)).ShouldBe([(1, 2, 48000), (2, 1, 44100)]);
        info.FrameRate.ShouldBe(new FrameRate(24000, 1001));
        info.StartTimecode.ShouldBeNull();
    }

    [Test]
    public void Parse_TimecodeOnlyOnTheTmcdDataStream_IsFound()
    {
        const string json = """
            {"streams":[
              {"index":0,"codec_type":"video","codec_name":"prores","width":1920,"height":1080,"r_frame_rate":"25/1"},
              {"index":1,"codec_type":"data","codec_tag_string":"tmcd","r_frame_rate":"0/0","tags":{"timecode":"14:22:07:13"}}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"2.000000"}}
            """;

        FfprobeJsonParser.Parse(json, "x.mov").StartTimecode.ShouldBe("14:22:07:13");
    }

    [Test]
    public void Parse_FormatTimecodeTag_WinsOverStreamTags()
    {
        const string json = """
            {"streams":[{"index":0,"codec_type":"video","codec_name":"dnxhd","r_frame_rate":"0/0","tags":{"timecode":"02:00:00:00"}}],
             "format":{"format_name":"mxf","duration":"1.0","tags":{"timecode":"01:00:00:00"}}}
            """;

        var info = FfprobeJsonParser.Parse(json, "x.mxf");

        info.StartTimecode.ShouldBe("01:00:00:00");
        info.FrameRate.ShouldBeNull(); // 0/0 means unknown, never a division by zero
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{\"streams\": [")]
    [TestCase("[]")]
    [TestCase("{}")]
    public void Parse_EmptyOrCorruptJson_ThrowsMediaProbeExceptionNamingTheFile(string json)
    {
        var ex = Should.Throw<MediaProbeException>(() => FfprobeJsonParser.Parse(json, "clip 7.mov"));
        ex.Message.ShouldContain("'clip 7.mov'");
    }

    [Test]
    public void Parse_FfprobeErrorObject_ThrowsWithFfprobesReason()
    {
        const string json = """{"error":{"code":-1094995529,"string":"Invalid data found when processing input"}}""";

        var ex = Should.Throw<MediaProbeException>(() => FfprobeJsonParser.Parse(json, "x.mov"));

        ex.Message.ShouldBe("ffprobe could not read 'x.mov': Invalid data found when processing input");
    }
}
