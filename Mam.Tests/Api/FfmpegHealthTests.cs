using System.Net;
using System.Text.Json;
using Mam.Catalog.Entities;
using Mam.Media.Capabilities;
using Mam.Tests.Support;
using Mam.Tests.Workers;
using Mam.Workers.Pipeline;

namespace Mam.Tests.Api;

/// <summary>ffmpeg's capabilities in /health/ready, and an API that runs the pipeline refusing to start on
/// an ffmpeg without the proxy encoder (a stand-in script around Debian's ffmpeg that denies libx264).</summary>
[TestFixture]
[Category("Media")]
public sealed class FfmpegHealthTests : TempFolderTest
{
    [Test]
    public async Task Ready_ReportsFfmpegsVersionEachNeededEncoderAndFilterAndTheHardware()
    {
        using var api = new MamApiFactory();
        using var client = api.CreateReader();

        var response = await client.GetAsync("/health/ready");

        var ffmpeg = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("ffmpeg");
        ffmpeg.GetProperty("status").GetString().ShouldBe("Healthy");
        var data = ffmpeg.GetProperty("data");
        data.GetProperty("version").GetString()!.ShouldStartWith("5.1");
        data.GetProperty("path").GetString().ShouldBe("/usr/bin/ffmpeg");
        data.GetProperty("encoders").GetProperty("libx264").GetBoolean().ShouldBeTrue();
        data.GetProperty("filters").GetProperty("scdet").GetBoolean().ShouldBeTrue();
        data.GetProperty("filters").GetProperty("ebur128").GetBoolean().ShouldBeTrue();
        data.GetProperty("hardwareAccelerators").EnumerateArray().Select(a => a.GetString()).ShouldContain("vaapi");
        data.GetProperty("hardwareEncoders").EnumerateArray().Select(a => a.GetString()).ShouldContain("h264_vaapi");
    }

    [Test]
    public async Task Ready_OnAnApiBeforeSeparateWorkers_WhenFfmpegLacksTheProxyEncoder_StaysInServiceDegradedAndSaysWhatToInstall()
    {
        var standIn = FfmpegStandIn.WithoutEncoder(Temp.Path, "libx264");
        // An API in front of separate workers starts (it runs no ffmpeg itself), stays in the load
        // balancer (200) and says what is wrong.
        using var api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Workers:Embedded"] = "false",
            ["MediaTools:FfmpegPath"] = standIn.Path,
        });
        using var client = api.CreateReader();

        var response = await client.GetAsync("/health/ready");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var ffmpeg = JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("ffmpeg");
        ffmpeg.GetProperty("status").GetString().ShouldBe("Degraded");
        ffmpeg.GetProperty("description").GetString()!.ShouldContain($"at {standIn.Path} has no libx264 encoder, which proxies, posters and filmstrips need: install Debian's ffmpeg");
        ffmpeg.GetProperty("data").GetProperty("encoders").GetProperty("libx264").GetBoolean().ShouldBeFalse();
    }

    [Test]
    public async Task Start_WithEmbeddedWorkersAndFfmpegLackingTheProxyEncoder_RefusesAndLeavesQueuedClipsPending()
    {
        var standIn = FfmpegStandIn.WithoutEncoder(Temp.Path, "libx264");
        await using var catalog = new PipelineTestHost();
        await catalog.StartAsync();
        var queued = await catalog.AddAssetAsync();
        // As an operator starts it: the API process itself, so what it prints is what they read.
        using var api = new WorkerProcess(new Dictionary<string, string>
        {
            ["Mam:DataDirectory"] = catalog.DataDirectory,
            ["MediaTools:FfmpegPath"] = standIn.Path,
            ["Urls"] = "http://127.0.0.1:0",
        }, project: "Mam.Api");

        api.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue(api.Output);
        api.ExitCode.ShouldNotBe(0);
        api.Output.ShouldContain("Not started: ffmpeg ");
        api.Output.ShouldContain($"at {standIn.Path} has no libx264 encoder, which proxies, posters and filmstrips need: install Debian's ffmpeg");
        api.Output.ShouldNotContain("Unhandled exception", Case.Insensitive, "the operator gets the reason, not a stack trace");
        foreach (var stage in PipelinePlan.Stages)
        {
            var row = await catalog.StageAsync(queued, stage);
            row.Status.ShouldBe(StageStatus.Pending, $"{stage} must wait for a worker that can run it");
            row.Attempts.ShouldBe(0);
        }
    }
}
