using System.Text.Json;
using Mam.Media.Probing;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Media;

[TestFixture]
public sealed class ContainerNamesTests
{
    [TestCase("mov,mp4,m4a,3gp,3g2,mj2", "Clips/A001C001_261121_R1AB.mov", "QuickTime")]
    [TestCase("mov,mp4,m4a,3gp,3g2,mj2", "CLIP0001.MP4", "MP4")]
    [TestCase("mov,mp4,m4a,3gp,3g2,mj2", "Sound/scene12.m4a", "MP4 audio")]
    [TestCase("mov,mp4,m4a,3gp,3g2,mj2", "clip", "QuickTime/MP4")]
    [TestCase("mxf", "A001C001.mxf", "MXF")]
    [TestCase("matroska,webm", "review.webm", "WebM")]
    [TestCase("matroska,webm", "review.mkv", "Matroska")]
    [TestCase("wav", "SC12_T3.WAV", "WAV")]
    [TestCase("mpegts", "00001.MTS", "MPEG transport stream")]
    [TestCase("r3d_unknown", "A001_C001.R3D", "r3d_unknown")]
    [TestCase(null, "A001C001.mov", "Unknown")]
    public void Describe_NamesTheContainerFromTheDemuxerAndTheExtension(string? formatName, string fileName, string expected)
    {
        ContainerNames.Describe(formatName, fileName).ShouldBe(expected);
    }

    /// <summary>The format names ffprobe really gives (this machine's ffmpeg) for files written in each container.</summary>
    [TestCase("clip.mov", "QuickTime")]
    [TestCase("clip.mp4", "MP4")]
    [TestCase("clip.mxf", "MXF")]
    [TestCase("clip.mkv", "Matroska")]
    [TestCase("clip.webm", "WebM")]
    [TestCase("sound.wav", "WAV")]
    public async Task Describe_OfWhatFfprobeReportsForARealFile_IsTheContainerItWasWrittenIn(string fileName, string expected)
    {
        using var folder = new TempFolder("containers");
        var path = folder.File(fileName);
        var source = fileName.EndsWith(".wav", StringComparison.Ordinal)
            ? new[] { "-f", "lavfi", "-i", "sine=duration=0.2" }
            : ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=25:duration=0.2"];
        var codec = Path.GetExtension(fileName) switch
        {
            ".webm" => new[] { "-c:v", "libvpx" },
            ".mxf" => ["-c:v", "mpeg2video"],
            ".wav" => [],
            _ => ["-c:v", "mpeg4"],
        };
        var (made, _, madeError) = await ExternalTool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", .. source, .. codec, "-y", path]);
        made.ShouldBe(0, madeError);
        var (probed, json, probeError) = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-show_format", "-of", "json", path]);
        probed.ShouldBe(0, probeError);
        var formatName = JsonDocument.Parse(json).RootElement.GetProperty("format").GetProperty("format_name").GetString();

        ContainerNames.Describe(formatName, fileName).ShouldBe(expected, formatName);
    }
}
