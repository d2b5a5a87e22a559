using Mam.Media.Probing;
using Mam.Media.Renditions.Proxies;
using Mam.Tests.Support;

namespace Mam.Tests.Media.Renditions;

/// <summary>This machine has no GPU, so the hardware path is made to fail the way a real one does: ffmpeg is
/// pointed at a render node that is not one, or at NVENC with no NVIDIA driver, and exits non-zero. The
/// proxy must still be made, in software, and say so.</summary>
[TestFixture]
[Category("Media")]
public sealed class ProxyHardwareFallbackTests : TempFolderTest
{
    private static readonly ProxyClip Clip = new("A001C001", "01:00:00:00", new FrameRate(25, 1));

    [Test]
    public async Task Proxy_WhenVaapiRefusesTheClip_IsMadeInSoftwareAndSaysItFellBackAndWhy()
    {
        // A file where the render node should be: it exists (so the start check accepts it), but it is no GPU.
        var notAGpu = Temp.WriteFile("dri/renderD128", []);
        var source = await TestMedia.MakeClipAsync(Temp.Path, "A001C001.mov", 2, CancellationToken.None);
        var maker = MediaTestOptions.RenditionMaker(new ProxyOptions { HardwareEncoding = HardwareEncoding.Vaapi, VaapiDevice = notAGpu });
        var proxy = Temp.File("out/A001C001.mp4");

        var made = await maker.MakeProxyAsync(source, proxy, Clip, null, CancellationToken.None);

        made.Encoder.ShouldBe("libx264");
        var reason = made.FallbackReason.ShouldNotBeNull();
        reason.ShouldStartWith("h264_vaapi refused it: Device creation failed");
        reason.ShouldContain("vaapi_device", Case.Insensitive, "ffmpeg's own words say what failed");
        reason.ShouldNotContain("\n");
        made.ToString().ShouldContain("fell back to software");
        var video = await ProxyMedia.VideoAsync(proxy);
        (video.Codec, video.Width, video.Height).ShouldBe(("h264", 960, 540));
        await ProxyMedia.DecodeAllAsync(proxy);
        Directory.GetFiles(Path.GetDirectoryName(proxy)!).ShouldBe([proxy], "the refused attempt leaves no partial file");
    }

    [Test]
    public async Task Proxy_WhenAutoFindsAnNvidiaDeviceButTheDriverIsMissing_FallsBackToSoftwareForHevcToo()
    {
        var source = await TestMedia.MakeClipAsync(Temp.Path, "A001C002.mov", 2, CancellationToken.None);
        var options = new ProxyOptions { HardwareEncoding = HardwareEncoding.Auto };
        options.Profiles[ProxyOptions.Standard].Codec = ProxyCodec.Hevc;
        // As if /dev/nvidiactl were there: Auto picks NVENC, and ffmpeg cannot load libcuda.
        var maker = MediaTestOptions.RenditionMaker(options, new HardwareDevices([], HasNvidia: true));
        var proxy = Temp.File("A001C002.mp4");

        var made = await maker.MakeProxyAsync(source, proxy, Clip, null, CancellationToken.None);

        made.Encoder.ShouldBe("libx265");
        made.FallbackReason.ShouldNotBeNull().ShouldStartWith("hevc_nvenc refused it: Cannot load libcuda");
        (await ProxyMedia.VideoAsync(proxy)).Codec.ShouldBe("hevc");
        await ProxyMedia.DecodeAllAsync(proxy);
    }

    [Test]
    public async Task Proxy_WhenSoftwareFailsTooAfterTheHardwareRefused_ThrowsFfmpegsErrorAndLeavesNothing()
    {
        var notAGpu = Temp.WriteFile("dri/renderD128", []);
        var source = await TestMedia.MakeRandomBytesFileAsync(Temp.Path, "bad.mov", CancellationToken.None);
        var maker = MediaTestOptions.RenditionMaker(new ProxyOptions { HardwareEncoding = HardwareEncoding.Vaapi, VaapiDevice = notAGpu });
        var output = Directory.CreateDirectory(Temp.File("out")).FullName;

        var ex = await Should.ThrowAsync<Mam.Media.Processes.ExternalProcessException>(() =>
            maker.MakeProxyAsync(source, Path.Combine(output, "bad.mp4"), Clip, null, CancellationToken.None));

        ex.Message.ShouldContain("Invalid data found", Case.Sensitive, "the clip's own problem, not the GPU's");
        Directory.GetFiles(output).ShouldBeEmpty();
    }
}
