using Mam.Media;
using Mam.Media.Capabilities;
using Mam.Media.Processes;
using Mam.Media.Renditions.Proxies;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media.Renditions;

/// <summary>What the proxy settings ask of the machine, checked once at start against the real ffmpeg (or a
/// stand-in that lacks one part) and GPU devices given by the test.</summary>
[TestFixture]
[Category("Media")]
public sealed class ProxyReadinessTests : TempFolderTest
{
    private static Task<FfmpegReport> CheckAsync(ProxyOptions proxies, HardwareDevices? devices = null, string ffmpeg = TestMedia.Ffmpeg) =>
        new FfmpegReadiness(new ProcessRunner(NullLogger<ProcessRunner>.Instance), Options.Create(new MediaToolsOptions { FfmpegPath = ffmpeg }),
            Options.Create(proxies), devices ?? HardwareDevices.None).CheckAsync(CancellationToken.None);

    private static ProxyOptions WithStandard(Action<ProxyProfile> change, HardwareEncoding hardware = HardwareEncoding.Auto)
    {
        var options = new ProxyOptions { HardwareEncoding = hardware };
        change(options.Profiles[ProxyOptions.Standard]);
        return options;
    }

    [Test]
    public async Task Auto_OnAMachineWithoutAGpu_EncodesInSoftwareAndIsReady()
    {
        var report = await CheckAsync(new ProxyOptions());

        report.Problems.ShouldBeEmpty();
        report.ProxyHardware.ShouldBeNull();
    }

    [Test]
    public async Task Auto_WithAnIntelRenderNode_ChoosesVaapiOnIt_AndWithAnNvidiaDevice_ChoosesNvenc()
    {
        var intel = new HardwareDevices([new RenderNode("/dev/dri/renderD129", "0x8086")], HasNvidia: false);
        var both = intel with { HasNvidia = true };

        (await CheckAsync(new ProxyOptions(), intel)).ProxyHardware.ShouldBe(new ProxyHardware(HardwareEncoding.Vaapi, "/dev/dri/renderD129"));
        (await CheckAsync(new ProxyOptions(), both)).ProxyHardware.ShouldBe(new ProxyHardware(HardwareEncoding.Nvenc, null));
        (await CheckAsync(new ProxyOptions { HardwareEncoding = HardwareEncoding.Off }, both)).ProxyHardware.ShouldBeNull();
    }

    [Test]
    public async Task Nvenc_OnAMachineWithoutAnNvidiaDevice_RefusesTheStartSayingWhatToInstallOrSet()
    {
        var report = await CheckAsync(new ProxyOptions { HardwareEncoding = HardwareEncoding.Nvenc });

        report.IsReady.ShouldBeFalse();
        report.Problems.ShouldBe([
            "Proxies:HardwareEncoding is Nvenc, but this machine has no NVIDIA device (/dev/nvidiactl): install NVIDIA's driver and give " +
            "the service access to /dev/nvidia*, or set Proxies:HardwareEncoding to Auto (hardware when present, software otherwise) or Off.",
        ]);
    }

    [Test]
    public async Task Vaapi_WithADeviceThatDoesNotExist_RefusesTheStartNamingTheDevice()
    {
        var report = await CheckAsync(new ProxyOptions { HardwareEncoding = HardwareEncoding.Vaapi, VaapiDevice = "/dev/dri/renderD200" });

        report.Problems.ShouldHaveSingleItem().ShouldStartWith(
            "Proxies:HardwareEncoding is Vaapi, but Proxies:VaapiDevice /dev/dri/renderD200 does not exist: give the path of a render node (ls /dev/dri)");
    }

    [Test]
    public async Task BurnIn_WithTheFontMissing_RefusesTheStartNamingTheFontAndItsPackage()
    {
        var options = WithStandard(p => p.BurnIn = true);
        options.BurnInFont = Temp.File("NoSuchFont.ttf");

        var report = await CheckAsync(options);

        report.Problems.ShouldBe([
            $"Proxies:Profiles:standard:BurnIn draws text with the font Proxies:BurnInFont, and {options.BurnInFont} does not exist: " +
            "install it (apt-get install fonts-dejavu-core, as infra/install-deps.sh does) or set Proxies:BurnInFont to a .ttf file that exists.",
        ]);
    }

    [Test]
    public async Task BurnIn_WithAnFfmpegWithoutDrawtext_RefusesTheStart_ButOnlyWhenBurnInIsOn()
    {
        var ffmpeg = FfmpegStandIn.WithoutFilter(Temp.Path, "drawtext");

        var burning = await CheckAsync(WithStandard(p => p.BurnIn = true), ffmpeg: ffmpeg.Path);
        var plain = await CheckAsync(new ProxyOptions(), ffmpeg: ffmpeg.Path);

        burning.Filters["drawtext"].ShouldBeFalse();
        burning.Problems.ShouldHaveSingleItem().ShouldBe(
            $"ffmpeg {burning.Version} at {ffmpeg.Path} has no drawtext filter, which proxies with burnt-in timecode (Proxies:Profiles:standard:BurnIn) need: " +
            "install Debian's ffmpeg (apt-get install ffmpeg, as infra/install-deps.sh does) or set MediaTools:FfmpegPath to an ffmpeg that has it.");
        plain.Problems.ShouldBeEmpty();
    }

    [Test]
    public async Task Hevc_WithAnFfmpegWithoutLibx265_RefusesTheStartNamingTheProfile()
    {
        var ffmpeg = FfmpegStandIn.WithoutEncoder(Temp.Path, "libx265");

        var report = await CheckAsync(WithStandard(p => p.Codec = ProxyCodec.Hevc), ffmpeg: ffmpeg.Path);

        report.Problems.ShouldHaveSingleItem().ShouldContain("has no libx265 encoder, which HEVC proxies (Proxies:Profiles:standard:Codec) need");
    }

    [Test]
    public void Scan_FindsRenderNodesWithTheirVendorAndTheNvidiaControlDevice()
    {
        Temp.WriteFile("dev/dri/renderD128", []);
        Temp.WriteFile("dev/dri/card0", []);
        Temp.WriteFile("sys/class/drm/renderD128/device/vendor", "0x8086\n"u8.ToArray());
        Temp.WriteFile("dev/nvidiactl", []);

        var devices = HardwareDevices.Scan(Temp.Path);

        devices.RenderNodes.ShouldBe([new RenderNode(Temp.Combine("dev", "dri", "renderD128"), "0x8086")]);
        devices.RenderNodes[0].IsIntel.ShouldBeTrue();
        devices.HasNvidia.ShouldBeTrue();
        var none = HardwareDevices.Scan(Temp.Combine("empty"));
        none.RenderNodes.ShouldBeEmpty();
        none.HasNvidia.ShouldBeFalse();
    }
}
