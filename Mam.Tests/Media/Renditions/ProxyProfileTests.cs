using Mam.Media.Probing;
using Mam.Media.Renditions.Proxies;
using Mam.Tests.Support;

namespace Mam.Tests.Media.Renditions;

/// <summary>A profile's size, codec, quality and burn-in, as seen in the proxy ffmpeg wrote.</summary>
[TestFixture]
[Category("Media")]
public sealed class ProxyProfileTests : TempFolderTest
{
    private static readonly ProxyClip Clip = new("A001C007_261121_R1AB", "01:00:00:00", new FrameRate(25, 1));

    private static ProxyOptions Only(ProxyProfile profile) => new()
    {
        HardwareEncoding = HardwareEncoding.Off,
        DefaultProfile = "test",
        Profiles = new(StringComparer.OrdinalIgnoreCase) { ["test"] = profile },
    };

    private async Task<string> ProxyAsync(string source, ProxyProfile profile, string name = "proxy.mp4", ProxyClip? clip = null)
    {
        var output = Temp.File(name);
        var made = await MediaTestOptions.RenditionMaker(Only(profile)).MakeProxyAsync(source, output, clip ?? Clip, null, CancellationToken.None);
        made.FallbackReason.ShouldBeNull();
        return output;
    }

    [Test]
    public async Task Proxy_HevcProfileBoxedByHeight_IsHvc1TaggedHevcThatFitsTheHeightAndKeepsTheAspect()
    {
        var source = await TestMedia.MakeClipAsync(Temp.Path, "A001C001.mov", 2, CancellationToken.None);

        var proxy = await ProxyAsync(source, new ProxyProfile { MaxWidth = null, MaxHeight = 360, Codec = ProxyCodec.Hevc, AudioBitrateKbps = 64 });

        var streams = await ProxyMedia.StreamsAsync(proxy);
        var video = streams.Single(s => s.Type == "video");
        (video.Codec, video.Tag, video.Width, video.Height).ShouldBe(("hevc", "hvc1", 640, 360), "hvc1 is the tag Safari plays");
        var audio = streams.Single(s => s.Type == "audio");
        audio.Codec.ShouldBe("aac");
        audio.BitRate.ShouldNotBeNull().ShouldBeInRange(48_000, 80_000, "AudioBitrateKbps = 64");
        await ProxyMedia.DecodeAllAsync(proxy);
    }

    [Test]
    public async Task Proxy_OddBoxOnPortraitSource_HasEvenSidesInsideTheBoxWithTheSourceAspect()
    {
        var source = await ProxyMedia.MakeGreyClipAsync(Temp.Path, "phone.mov", 720, 1280, "25", "00:00:00:00", seconds: 1);

        var proxy = await ProxyAsync(source, new ProxyProfile { MaxWidth = 333, MaxHeight = 555 });

        var video = await ProxyMedia.VideoAsync(proxy);
        video.Codec.ShouldBe("h264");
        (video.Width % 2, video.Height % 2).ShouldBe((0, 0), "4:2:0 needs even sides");
        video.Width.ShouldBeLessThanOrEqualTo(333);
        video.Height.ShouldBeLessThanOrEqualTo(555);
        video.Height.ShouldBeGreaterThanOrEqualTo(550, "the height is the side that limits a portrait picture");
        ((double)video.Width / video.Height).ShouldBe(720.0 / 1280, 0.01);
    }

    [Test]
    public async Task Proxy_SmallSourceAndLargeBox_IsNotUpscaled()
    {
        var source = await ProxyMedia.MakeGreyClipAsync(Temp.Path, "small.mov", 320, 240, "25", "00:00:00:00", seconds: 1);

        var proxy = await ProxyAsync(source, new ProxyProfile { MaxWidth = 1920, MaxHeight = 1080 });

        var video = await ProxyMedia.VideoAsync(proxy);
        (video.Width, video.Height).ShouldBe((320, 240));
    }

    [Test]
    public async Task Proxy_LowerCrfOrHigherBitrate_GivesABiggerFile()
    {
        var source = await TestMedia.MakeClipAsync(Temp.Path, "busy.mov", 2, CancellationToken.None);

        var fine = new FileInfo(await ProxyAsync(source, new ProxyProfile { Crf = 18 }, "fine.mp4")).Length;
        var coarse = new FileInfo(await ProxyAsync(source, new ProxyProfile { Crf = 40 }, "coarse.mp4")).Length;
        var thin = await ProxyAsync(source, new ProxyProfile { VideoBitrateKbps = 300 }, "thin.mp4");
        var thick = await ProxyAsync(source, new ProxyProfile { VideoBitrateKbps = 3000 }, "thick.mp4");

        coarse.ShouldBeLessThan(fine / 2, "Crf 40 against Crf 18");
        var thinRate = (await ProxyMedia.VideoAsync(thin)).BitRate.ShouldNotBeNull();
        var thickRate = (await ProxyMedia.VideoAsync(thick)).BitRate.ShouldNotBeNull();
        thinRate.ShouldBeInRange(150_000, 450_000, "VideoBitrateKbps = 300");
        thickRate.ShouldBeGreaterThan(thinRate * 4, "VideoBitrateKbps = 3000 against 300");
    }

    [Test]
    public async Task Proxy_WithBurnIn_DrawsTheNameTopLeftAndARunningTimecodeBottomCentreAndNothingElse()
    {
        var source = await ProxyMedia.MakeGreyClipAsync(Temp.Path, "grey.mov", 640, 360, "25", "01:00:00:00");

        var plain = await ProxyAsync(source, new ProxyProfile(), "plain.mp4");
        var burnt = await ProxyAsync(source, new ProxyProfile { BurnIn = true }, "burnt.mp4");

        var plainFirst = await ProxyMedia.GreyFrameAsync(plain, 0, Temp.Path);
        var first = await ProxyMedia.GreyFrameAsync(burnt, 0, Temp.Path);
        var secondLater = await ProxyMedia.GreyFrameAsync(burnt, 25, Temp.Path);
        var name = (0, 0, 320, 40);
        var timecode = (160, 310, 320, 50);
        var middle = (0, 60, 640, 240);
        first.Changed(plainFirst, name).ShouldBeGreaterThan(200, "the clip name is drawn top left");
        first.Changed(plainFirst, timecode).ShouldBeGreaterThan(200, "the timecode is drawn bottom centre");
        first.Changed(plainFirst, middle).ShouldBe(0, "the picture itself is untouched");
        secondLater.Changed(first, timecode).ShouldBeGreaterThan(10, "one second later the timecode reads 01:00:01:00");
        secondLater.Changed(first, name).ShouldBe(0, "the name stays put");
    }

    [Test]
    public async Task Proxy_WithBurnInOfANameFullOfFilterSyntaxAtDropFrameRate_IsMadeAndPlays()
    {
        var source = await ProxyMedia.MakeGreyClipAsync(Temp.Path, "ntsc.mov", 320, 240, "30000/1001", "01:00:58;00", seconds: 1);
        var clip = new ProxyClip(@"A001: it's [take 2], 50% \ok; %{pts}", "01:00:58;00", new FrameRate(30000, 1001));

        var proxy = await ProxyAsync(source, new ProxyProfile { BurnIn = true }, clip: clip);

        (await ProxyMedia.VideoAsync(proxy)).Codec.ShouldBe("h264");
        await ProxyMedia.DecodeAllAsync(proxy);
    }
}
