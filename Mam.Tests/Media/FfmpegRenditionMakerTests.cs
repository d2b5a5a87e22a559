using System.Buffers.Binary;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Media.Renditions;
using Mam.Media.Renditions.Proxies;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Media;

[TestFixture]
[Category("Media")]
public class FfmpegRenditionMakerTests
{
    private readonly FfprobeMediaProbe probe = MediaTestOptions.Probe();
    private FfmpegRenditionMaker maker = null!;
    private TempFolder temp = null!;

    private static readonly ProxyClip Clip = new("A001C001", "01:00:00:00", new FrameRate(25, 1));

    [SetUp]
    public void SetUp()
    {
        temp = new TempFolder();
        maker = MediaTestOptions.RenditionMaker();
    }

    [TearDown]
    public void TearDown() => temp.Dispose();

    [Test]
    public async Task MakeProxyAsync_CameraClip_WritesFaststartH264At960WideWithAac()
    {
        var source = await TestMedia.MakeClipAsync(temp.Path, "A001C001.mov", 3, CancellationToken.None);
        var proxy = temp.File("proxies/A001C001.mp4");

        await maker.MakeProxyAsync(source, proxy, Clip, null, CancellationToken.None);

        var info = await probe.ProbeAsync(proxy, CancellationToken.None);
        info.Video.ShouldNotBeNull().Codec.ShouldBe("h264");
        (info.Video.Width, info.Video.Height).ShouldBe((960, 540));
        info.Video.PixelFormat.ShouldBe("yuv420p");
        info.Audio.ShouldHaveSingleItem().Codec.ShouldBe("aac");
        var boxes = TopLevelBoxes(proxy);
        boxes.IndexOf("moov").ShouldBeLessThan(boxes.IndexOf("mdat"), "faststart puts moov before mdat");
        Directory.GetFiles(Path.GetDirectoryName(proxy)!).ShouldBe([proxy], "no temporary file is left behind");
    }

    [Test]
    public async Task MakeProxyAsync_ClipWithoutAudio_WritesVideoOnlyProxy()
    {
        var source = await TestMedia.MakeClipWithoutAudioAsync(temp.Path, "broll.mov", 2, CancellationToken.None);
        var proxy = temp.File("broll.mp4");

        await maker.MakeProxyAsync(source, proxy, Clip, null, CancellationToken.None);

        var info = await probe.ProbeAsync(proxy, CancellationToken.None);
        info.HasVideo.ShouldBeTrue();
        info.HasAudio.ShouldBeFalse();
    }

    [Test]
    public async Task MakeProxyAsync_CorruptSource_ThrowsAndLeavesNothingBehind()
    {
        var source = await TestMedia.MakeRandomBytesFileAsync(temp.Path, "bad.mov", CancellationToken.None);
        var outFolder = Directory.CreateDirectory(temp.File("out")).FullName;

        var ex = await Should.ThrowAsync<ExternalProcessException>(() =>
            maker.MakeProxyAsync(source, Path.Combine(outFolder, "bad.mp4"), Clip, null, CancellationToken.None));

        ex.ToolName.ShouldBe("ffmpeg");
        ex.Message.ShouldContain("Invalid data found");
        Directory.GetFiles(outFolder).ShouldBeEmpty();
    }

    [Test]
    public async Task MakeProxyAsync_CancelledWhileEncoding_DeletesTheTemporaryFile()
    {
        var source = await TestMedia.MakeClipAsync(temp.Path, "long.mov", 20, CancellationToken.None);
        var outFolder = Directory.CreateDirectory(temp.File("out")).FullName;
        using var cancel = new CancellationTokenSource();

        var run = maker.MakeProxyAsync(source, Path.Combine(outFolder, "long.mp4"), Clip, null, cancel.Token);
        while (!run.IsCompleted && Directory.GetFiles(outFolder).Length == 0)
        {
            await Task.Delay(10);
        }

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        Directory.GetFiles(outFolder).ShouldBeEmpty();
    }

    [Test]
    public async Task MakePosterAsync_TimeBeyondTheEnd_IsClampedAndWritesAJpeg()
    {
        var source = await TestMedia.MakeClipAsync(temp.Path, "clip.mov", 2, CancellationToken.None);
        var poster = temp.File("clip.jpg");

        await maker.MakePosterAsync(source, poster, 99, 2, CancellationToken.None);

        var info = await probe.ProbeAsync(poster, CancellationToken.None);
        info.Video.ShouldNotBeNull().Codec.ShouldBe("mjpeg");
        info.Video.Width.ShouldBe(960);
        (await File.ReadAllBytesAsync(poster))[..2].ShouldBe(new byte[] { 0xFF, 0xD8 });
    }

    [Test]
    public async Task MakeFilmstripAsync_FiveFrames_WritesOneJpegFiveThumbnailsWide()
    {
        var source = await TestMedia.MakeClipAsync(temp.Path, "clip.mov", 4, CancellationToken.None);
        var strip = temp.File("clip-strip.jpg");

        await maker.MakeFilmstripAsync(source, strip, 4, 5, CancellationToken.None);

        var video = (await probe.ProbeAsync(strip, CancellationToken.None)).Video.ShouldNotBeNull();
        video.Codec.ShouldBe("mjpeg");
        video.Width.ShouldBe(5 * FfmpegRenditionMaker.FilmstripThumbnailWidth);
        video.Height.ShouldBe(90);
    }

    /// <summary>Top-level ISO BMFF box types in file order (ISO/IEC 14496-12 §4.2).</summary>
    private static List<string> TopLevelBoxes(string path)
    {
        var types = new List<string>();
        using var file = File.OpenRead(path);
        var header = new byte[16];
        while (file.Position + 8 <= file.Length)
        {
            var start = file.Position;
            file.ReadExactly(header, 0, 8);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            types.Add(System.Text.Encoding.ASCII.GetString(header, 4, 4));
            if (size == 1)
            {
                file.ReadExactly(header, 8, 8);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
            }
            else if (size == 0)
            {
                break;
            }

            file.Position = start + size;
        }

        return types;
    }
}
