using System.Net.Http.Json;
using System.Text.Json;
using Mam.Tests.Media.Renditions;
using Mam.Tests.Support;

namespace Mam.Tests.Workers;

/// <summary>Proxy profiles and hardware encoding through the real pipeline (embedded API and workers) and
/// through a worker started as an operator starts it. This machine has no GPU: the hardware path is made
/// to fail by configuring VAAPI on a file that exists but is no render node.</summary>
[TestFixture]
[Category("Media")]
public sealed class ProxyStageTests : TempFolderTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Test]
    public async Task ProxyStage_WhenTheGpuRefusesTheClip_IsDoneWithAPlayableSoftwareProxyAndANoteSayingItFellBack()
    {
        var notAGpu = Temp.WriteFile("dri/renderD128", []);
        var clip = await TestMedia.MakeClipAsync(Temp.Path, "A002C004.mov", 2, CancellationToken.None);
        using var pipeline = new TranscribePipeline(new Dictionary<string, string>
        {
            ["Proxies:HardwareEncoding"] = "Vaapi",
            ["Proxies:VaapiDevice"] = notAGpu,
            ["Proxies:Profiles:standard:MaxWidth"] = "640",
            ["Proxies:Profiles:standard:BurnIn"] = "true",
        });
        var id = await pipeline.RegisterClipAsync(clip);

        var proxyStage = await WaitForProxyStageAsync(pipeline, id);

        proxyStage.GetProperty("status").GetString().ShouldBe("done", proxyStage.ToString());
        var note = proxyStage.GetProperty("note").GetString()!;
        note.ShouldStartWith("Made the proxy (profile standard, libx264: fell back to software, h264_vaapi refused it: ");
        note.ShouldContain("vaapi_device");
        note.ShouldEndWith(", poster and filmstrip.");
        note.ShouldNotContain("\n");
        var proxy = Temp.File("downloaded.mp4");
        await File.WriteAllBytesAsync(proxy, await pipeline.Client.GetByteArrayAsync($"/api/assets/{id}/proxy"));
        var video = await ProxyMedia.VideoAsync(proxy);
        (video.Codec, video.Width, video.Height).ShouldBe(("h264", 640, 360));
        await ProxyMedia.DecodeAllAsync(proxy);
    }

    [Test]
    public void WorkerHost_WithNvencAskedForOnAMachineWithoutIt_ExitsAtStartSayingWhatToInstallOrSet()
    {
        using var worker = new WorkerProcess(new Dictionary<string, string>
        {
            ["Mam:DataDirectory"] = Temp.Combine("data"),
            ["Proxies:HardwareEncoding"] = "Nvenc",
        });

        worker.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue(worker.Output);
        worker.ExitCode.ShouldBe(1, worker.Output);
        worker.Output.ShouldContain("Not started: Proxies:HardwareEncoding is Nvenc, but this machine has no NVIDIA device (/dev/nvidiactl)");
        worker.Output.ShouldContain("or set Proxies:HardwareEncoding to Auto (hardware when present, software otherwise) or Off.");
        worker.Output.ShouldNotContain("Unhandled exception", Case.Insensitive);
    }

    private static async Task<JsonElement> WaitForProxyStageAsync(TranscribePipeline pipeline, Guid id)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement stage;
        do
        {
            var asset = await pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/assets/{id}");
            stage = TranscribePipeline.Stage(asset, "proxy");
            if (stage.GetProperty("status").GetString() is not ("pending" or "running"))
            {
                return stage;
            }
            await Task.Delay(300);
        }
        while (DateTime.UtcNow < deadline);
        return stage;
    }
}
