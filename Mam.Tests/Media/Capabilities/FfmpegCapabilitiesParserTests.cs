using Mam.Media.Capabilities;

namespace Mam.Tests.Media.Capabilities;

/// <summary>On the saved output of this machine's ffmpeg (Debian 12's 5.1), TestData/ffmpeg.</summary>
[TestFixture]
public class FfmpegCapabilitiesParserTests
{
    private static string Saved(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "ffmpeg", name));

    [Test]
    public void ParseVersion_DebianBanner_ReturnsTheVersionAsFfmpegPrintsIt()
    {
        FfmpegCapabilitiesParser.ParseVersion(Saved("version-5.1.txt")).ShouldBe("5.1.9-0+deb12u1");
    }

    [Test]
    public void ParseVersion_SomethingElse_SaysItIsNotFfmpeg()
    {
        var ex = Should.Throw<FormatException>(() => FfmpegCapabilitiesParser.ParseVersion("ffprobe version 5.1.9\n"));

        ex.Message.ShouldContain("ffmpeg version");
    }

    [Test]
    public void ParseEncoders_Debian51_ReadsEachEncoderNameAndSkipsTheLegend()
    {
        var encoders = FfmpegCapabilitiesParser.ParseEncoders(Saved("encoders-5.1.txt"));

        encoders.Count.ShouldBe(217, "227 lines less the 10 of heading and legend");
        encoders.ShouldContain("libx264");
        encoders.ShouldContain("aac");
        encoders.ShouldContain("mjpeg");
        encoders.ShouldContain("srt");
        encoders.ShouldNotContain("=", "the legend is not an encoder");
    }

    [Test]
    public void HardwareEncoders_Debian51_ListsVaapiNvencAndQsvButNotTheSoftwareOnes()
    {
        var capabilities = new FfmpegCapabilities("5.1", FfmpegCapabilitiesParser.ParseEncoders(Saved("encoders-5.1.txt")), new HashSet<string>(), []);

        capabilities.HardwareEncoders.ShouldContain("h264_vaapi");
        capabilities.HardwareEncoders.ShouldContain("h264_nvenc");
        capabilities.HardwareEncoders.ShouldContain("hevc_qsv");
        capabilities.HardwareEncoders.ShouldNotContain("libx264");
        capabilities.HardwareEncoders.ShouldNotContain("mjpeg");
    }

    [Test]
    public void ParseFilters_Debian51_ReadsEveryFilterIncludingLongNamesAndSkipsTheLegend()
    {
        var filters = FfmpegCapabilitiesParser.ParseFilters(Saved("filters-5.1.txt"));

        filters.Count.ShouldBe(527, "535 lines less the 8 of heading and legend");
        filters.ShouldContain("scdet");
        filters.ShouldContain("ebur128");
        filters.ShouldContain("adynamicequalizer", "a name that runs into the next column");
        filters.ShouldContain("abuffer", "a source, whose inputs column is '|'");
        filters.ShouldNotContain("=");
        filters.ShouldNotContain("ocr", "Debian's 5.1 is built without tesseract");
    }

    [Test]
    public void ParseHardwareAccelerators_Debian51_ListsTheMethodsInFfmpegsOrder()
    {
        FfmpegCapabilitiesParser.ParseHardwareAccelerators(Saved("hwaccels-5.1.txt"))
            .ShouldBe(["vdpau", "cuda", "vaapi", "qsv", "drm", "opencl", "vulkan"]);
    }
}
