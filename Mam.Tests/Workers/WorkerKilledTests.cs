using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Tests.Distributed;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mam.Workers.Pipeline.Registry;

namespace Mam.Tests.Workers;

/// <summary>A worker process killed with SIGKILL in the middle of a stage, on the real servers: its tools die
/// with it, a second worker takes the stage over once the lease runs out (the deadline is far away), the
/// clip ends ready with each output once, and nothing of the dead worker stays in the work folder.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class WorkerKilledTests
{
    // The deadline is 10 minutes: only the lease (10 s) can explain a takeover within the test's wait.
    private static readonly Dictionary<string, string> ShortLease = new()
    {
        ["Pipeline:LeaseDuration"] = "00:00:10",
        ["Pipeline:ReconcileInterval"] = "00:00:02",
    };

    [Test]
    public async Task Worker_KilledMidProxy_ItsFfmpegDiesAndAnotherWorkerTakesTheStageOverWithNothingLeftBehind()
    {
        await using var mam = await DistributedMam.StartAsync(TimeSpan.FromMinutes(10), ShortLease);
        var doomed = mam.StartWorker();
        var source = Directory.CreateDirectory(mam.Folder.Combine("cards", "K001R1AA")).FullName;
        await TestMedia.MakeClipAsync(source, "K001C001_long.mov", 60, CancellationToken.None);
        await mam.OffloadAsync(source, "K001R1AA");

        var id = await WaitForToolOfStageAsync(mam, doomed, StageRegistry.Proxy.Name, "ffmpeg");
        var tools = ToolsOf(mam, doomed);
        doomed.KillAlone();

        await ShouldAllBeGoneAsync(tools);
        (await RenditionsOf(mam, id)).Where(r => StageRegistry.Proxy.Outputs.Contains(r.Kind)).ShouldBeEmpty("nothing of the killed encode may be catalogued");
        mam.StartWorker();

        var asset = (await mam.WaitUntilSettledAsync(1, TimeSpan.FromMinutes(4))).Single();
        asset.GetProperty("state").GetString().ShouldBe("ready", DistributedMam.Describe(asset));
        (await StageOf(mam, id, StageRegistry.Proxy.Name)).Attempts.ShouldBe(2, "the stage was taken over once\n" + WorkerOutput(mam));
        (await RenditionsOf(mam, id)).Select(r => r.Kind).Where(StageRegistry.Proxy.Outputs.Contains).ShouldBe([RenditionKind.Proxy, RenditionKind.Poster, RenditionKind.Filmstrip], ignoreOrder: true);
        var local = mam.Folder.Combine("proxy.mp4");
        await File.WriteAllBytesAsync(local, await mam.Client.GetByteArrayAsync($"/api/assets/{id}/proxy"));
        var probe = await Mam.Tests.Media.MediaTestOptions.Probe().ProbeAsync(local, CancellationToken.None);
        probe.DurationSeconds!.Value.ShouldBe(60, 0.5, "the proxy is whole, not the killed worker's partial file");
        ShouldHaveNothingLeftInTheWorkFolder(mam, doomed);
    }

    [Test]
    public async Task Worker_KilledMidTranscribe_ItsPocketsphinxDiesAndAnotherWorkerTakesTheStageOverWithTheTranscriptOnce()
    {
        const string sentence = "the harbour lights were burning when the boat came home";
        await using var mam = await DistributedMam.StartAsync(TimeSpan.FromMinutes(10), ShortLease);
        var doomed = mam.StartWorker();
        var source = Directory.CreateDirectory(mam.Folder.Combine("cards", "K002R1AA")).FullName;
        await TestMedia.MakeSpeechClipAsync(source, "K002C001.mov", sentence, 1.0, 120, CancellationToken.None);
        await mam.OffloadAsync(source, "K002R1AA");

        var id = await WaitForToolOfStageAsync(mam, doomed, StageRegistry.Transcribe.Name, "pocketsphinx_continuous");
        var tools = ToolsOf(mam, doomed);
        doomed.KillAlone();

        await ShouldAllBeGoneAsync(tools);
        mam.StartWorker();

        var asset = (await mam.WaitUntilSettledAsync(1, TimeSpan.FromMinutes(4))).Single();
        asset.GetProperty("state").GetString().ShouldBe("ready", DistributedMam.Describe(asset));
        (await StageOf(mam, id, StageRegistry.Transcribe.Name)).Attempts.ShouldBe(2, "the stage was taken over once\n" + WorkerOutput(mam));
        await using (var db = await CatalogOf(mam))
        {
            var sequences = await db.TranscriptSegments.Where(s => s.AssetId == id).Select(s => s.Sequence).ToListAsync();
            sequences.ShouldNotBeEmpty();
            sequences.ShouldBeUnique("the taken-over run replaced, not appended to, anything of the first");
        }
        var phrase = string.Join(' ', sentence.Split(' ')[3..6]);
        var result = await mam.Client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString($"\"{phrase}\""));
        result.GetProperty("hits").EnumerateArray().Count(h => h.GetProperty("kind").GetString() == "segment").ShouldBe(1);
        ShouldHaveNothingLeftInTheWorkFolder(mam, doomed);
    }

    /// <summary>Waits until <paramref name="worker"/> runs <paramref name="tool"/> while <paramref name="stage"/>
    /// runs; returns the asset.</summary>
    private static async Task<Guid> WaitForToolOfStageAsync(DistributedMam mam, WorkerProcess worker, StageName stage, string tool)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < until && !worker.HasExited)
        {
            if (ToolsOf(mam, worker).Any(t => t.Name == tool))
            {
                await using var db = await CatalogOf(mam);
                var running = await db.PipelineStages.AsNoTracking().Where(s => s.Stage == stage && s.Status == StageStatus.Running)
                    .Select(s => s.AssetId).ToListAsync();
                if (running.Count == 1)
                {
                    return running[0];
                }
            }
            await Task.Delay(20);
        }
        Assert.Fail($"The worker ran no {tool} during {stage}.\n{worker.Output}");
        return default;
    }

    private sealed record Tool(int Pid, long Started, string Name);

    /// <summary>The tools the worker recorded under {work}/.children (pid, start time, owner, tool).</summary>
    private static List<Tool> ToolsOf(DistributedMam mam, WorkerProcess worker)
    {
        var folder = Path.Combine(mam.Settings["Mam:DataDirectory"], "work", ".children");
        var tools = new List<Tool>();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.child") : [])
        {
            try
            {
                var lines = File.ReadAllLines(file);
                var child = lines[0].Split(' ');
                if (lines.Length == 3 && int.Parse(lines[1].Split(' ')[0], CultureInfo.InvariantCulture) == worker.Id)
                {
                    tools.Add(new Tool(int.Parse(child[0], CultureInfo.InvariantCulture), long.Parse(child[1], CultureInfo.InvariantCulture), lines[2]));
                }
            }
            catch (Exception ex) when (ex is IOException or IndexOutOfRangeException or FormatException)
            {
                // Being written or removed right now.
            }
        }
        return tools;
    }

    private static async Task ShouldAllBeGoneAsync(List<Tool> tools)
    {
        tools.ShouldNotBeEmpty();
        for (var i = 0; i < 200 && tools.Any(IsRunning); i++)
        {
            await Task.Delay(50);
        }
        tools.Where(IsRunning).ShouldBeEmpty("no tool of the killed worker may run on");
    }

    /// <summary>Still the same process (pid and start time) and not a zombie.</summary>
    private static bool IsRunning(Tool tool)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{tool.Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] is not ("Z" or "X") && long.Parse(fields[19], CultureInfo.InvariantCulture) == tool.Started;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void ShouldHaveNothingLeftInTheWorkFolder(DistributedMam mam, WorkerProcess killed)
    {
        var work = Path.Combine(mam.Settings["Mam:DataDirectory"], "work");
        ScratchLeft.In(work).ShouldBeEmpty("scratch of the killed run is removed at the next start, the finished run's when it ends");
        // The live worker's long-lived tools (the vision sidecar) stay recorded while they run; the killed one's go.
        ToolsOf(mam, killed).ShouldBeEmpty("the killed worker's tool records are cleared at the next start");
    }

    private static string WorkerOutput(DistributedMam mam) =>
        string.Join("\n---\n", mam.Workers.Select(w => w.Output.Length > 6000 ? w.Output[^6000..] : w.Output));

    private static async Task<CatalogDbContext> CatalogOf(DistributedMam mam) =>
        await mam.Api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();

    private static async Task<PipelineStage> StageOf(DistributedMam mam, Guid id, StageName stage)
    {
        await using var db = await CatalogOf(mam);
        return await db.PipelineStages.AsNoTracking().SingleAsync(s => s.AssetId == id && s.Stage == stage);
    }

    private static async Task<List<Rendition>> RenditionsOf(DistributedMam mam, Guid id)
    {
        await using var db = await CatalogOf(mam);
        return await db.Renditions.AsNoTracking().Where(r => r.AssetId == id).ToListAsync();
    }
}
