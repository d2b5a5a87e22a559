using Mam.Media;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Tests.Support;
using Mam.Workers.Stages.Probe;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Search;

/// <summary>The recording date the date-range filter relies on comes from the container's
/// creation_time, read by the probe stage.</summary>
[TestFixture]
public sealed class RecordedAtTests
{
    [Test]
    public async Task Probe_OfAClipWithCreationTime_RecordsWhenItWasShot()
    {
        using var folder = new TempFolder("recorded-at");
        var path = folder.File("A001C001.mov");
        await new ProcessRunner(NullLogger<ProcessRunner>.Instance).RunAsync(TestMedia.Ffmpeg,
        [
            "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1",
            "-c:v", "prores_ks", "-profile:v", "0", "-metadata", "creation_time=2026-11-21T09:15:30Z", path,
        ], CancellationToken.None);

        var info = await Mam.Tests.Media.MediaTestOptions.Probe().ProbeAsync(path, CancellationToken.None);

        info.RecordedAt.ShouldBe(new DateTime(2026, 11, 21, 9, 15, 30, DateTimeKind.Utc));
        info.RecordedAt!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        ProbeStage.ToTechnical(info).RecordedAt.ShouldBe(info.RecordedAt);
    }

    [Test]
    public async Task Probe_OfAClipWithoutCreationTime_HasNoRecordingDate()
    {
        using var folder = new TempFolder("recorded-at");
        var path = await TestMedia.MakeClipWithoutAudioAsync(folder.Path, "B001C001.mov", 1, CancellationToken.None);

        var info = await Mam.Tests.Media.MediaTestOptions.Probe().ProbeAsync(path, CancellationToken.None);

        info.RecordedAt.ShouldBeNull();
    }

    [TestCase("""{"format":{"format_name":"mov","tags":{"creation_time":"2026-11-21T09:15:30.000000Z"}},"streams":[]}""", "2026-11-21T09:15:30")]
    [TestCase("""{"format":{"format_name":"mxf","tags":{"CREATION_TIME":"2026-11-21 09:15:30"}},"streams":[]}""", "2026-11-21T09:15:30")]
    [TestCase("""{"format":{"format_name":"mov"},"streams":[{"codec_type":"video","tags":{"creation_time":"2026-11-20T23:59:59.000000Z"}}]}""", "2026-11-20T23:59:59")]
    [TestCase("""{"format":{"format_name":"mov","tags":{"creation_time":"1904-01-01T00:00:00.000000Z"}},"streams":[]}""", null)]
    [TestCase("""{"format":{"format_name":"mov","tags":{"creation_time":"1970-01-01T00:00:00.000000Z"}},"streams":[]}""", null)]
    [TestCase("""{"format":{"format_name":"mov","tags":{"creation_time":"yesterday"}},"streams":[]}""", null)]
    public void Parse_ReadsCreationTimeAsUtc_AndIgnoresUnsetCameraClocks(string json, string? expected)
    {
        var info = FfprobeJsonParser.Parse(json, "clip.mov");

        info.RecordedAt.ShouldBe(expected is null
            ? null
            : DateTime.SpecifyKind(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
    }
}
