using Mam.Catalog.Entities;
using Mam.Tests.Support;
using Mam.Workers.Pipeline;

namespace Mam.Tests.Workers;

/// <summary>Mam.Workers as its own process, started the way an operator starts it.</summary>
[TestFixture]
[Category("Media")]
public sealed class WorkerStartupTests : TempFolderTest
{
    [Test]
    public async Task WorkerHost_WhenFfmpegLacksTheProxyEncoder_ExitsAtStartSayingWhatToInstallAndRunsNoClip()
    {
        var standIn = FfmpegStandIn.WithoutEncoder(Temp.Path, "libx264");
        await using var catalog = new PipelineTestHost();
        await catalog.StartAsync();
        var queued = await catalog.AddAssetAsync();

        using var worker = new WorkerProcess(new Dictionary<string, string>
        {
            ["Mam:DataDirectory"] = catalog.DataDirectory,
            ["MediaTools:FfmpegPath"] = standIn.Path,
        });

        worker.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue(worker.Output);
        worker.ExitCode.ShouldNotBe(0);
        worker.Output.ShouldContain($"at {standIn.Path} has no libx264 encoder, which proxies, posters and filmstrips need: " +
            "install Debian's ffmpeg (apt-get install ffmpeg, as infra/install-deps.sh does) or set MediaTools:FfmpegPath to an ffmpeg that has it.");
        worker.Output.ShouldNotContain("Unhandled exception", Case.Insensitive, "the operator gets the reason, not a stack trace");
        foreach (var stage in PipelinePlan.Stages)
        {
            (await catalog.StageAsync(queued, stage)).Status.ShouldBe(StageStatus.Pending, $"{stage} must wait for a worker that can run it");
        }
    }

    [Test]
    public void WorkerHost_WithTwoSettingsWrongAtOnce_ExitsNamingBothWithoutAStackTrace()
    {
        // Two sections the host validates together at start, so it throws both at once. (A wrong
        // Pipeline setting would fail alone and earlier: the bus reads it while it is being built.)
        using var worker = new WorkerProcess(new Dictionary<string, string>
        {
            ["Mam:DataDirectory"] = Temp.Combine("data"),
            ["Analysis:TesseractPath"] = "tesseract",
            ["Telemetry:OtlpEndpoint"] = "not a url",
        });

        worker.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue(worker.Output);
        worker.ExitCode.ShouldBe(1, worker.Output);
        worker.Output.ShouldContain("Not started: ");
        worker.Output.ShouldContain("Analysis:TesseractPath must be an absolute path, got 'tesseract'.");
        worker.Output.ShouldContain("Telemetry:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http:// or https:// URL of an OTLP receiver");
        worker.Output.ShouldNotContain("Unhandled exception", Case.Insensitive, "the operator gets both reasons, not a stack trace");
    }
}
