// Analysis cost per minute of 1080p footage: wall and CPU seconds of each part of the analysis stage
// (scdet, QC, frame extraction, OCR, vision) on a generated 1080p ProRes clip. The stage decodes the
// clip once for cuts and QC together; the bench also runs each alone, and a bare decode, to split that
// cost. Prints numbers; asserts nothing.
//   dotnet run -c Release --project bench/analysis -- [--seconds 60] [--work DIR] [--keep-work true] [--vision false]
// Scratch goes under --work, else a new folder in the repository's .data/bench/; removed at the end
// unless --keep-work true.
using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Analysis;
using Mam.Bench.Harness;
using Mam.Media;
using Mam.Media.Analysis;
using Mam.Media.Analysis.Sampling;
using Mam.Media.Analysis.Text;
using Mam.Media.Analysis.Vision;
using Mam.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

Flags flags;
double seconds;
try
{
    flags = Flags.Parse(args, ["seconds", "work", "keep-work", "vision"]);
    seconds = flags.Number("seconds", 60, 1, 24 * 3600);
    foreach (var yesNo in new[] { "keep-work", "vision" })
    {
        if (flags.Text(yesNo) is { } text && !bool.TryParse(text, out _))
        {
            throw new FormatException($"--{yesNo} takes true or false.");
        }
    }
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"{ex.Message}\nUsage: bench/analysis [--seconds 60] [--work DIR] [--keep-work true] [--vision false]");
    return 2;
}
var work = flags.WorkFolder("analysis");
var keep = bool.TryParse(flags.Text("keep-work"), out var keepWork) && keepWork;
var useVision = !bool.TryParse(flags.Text("vision"), out var visionOn) || visionOn;
Directory.CreateDirectory(work);
var cancel = CancellationToken.None;

var runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
var tools = Options.Create(new MediaToolsOptions());
var analysis = Options.Create(new AnalysisOptions());
var visionOptions = Options.Create(new VisionOptions { Enabled = useVision });
var installation = VisionInstallation.Locate(visionOptions.Value);
if (useVision && installation.Problem is { } problem)
{
    Console.Error.WriteLine(problem);
    return 1;
}

await MachineFacts.PrintHeaderAsync(Console.Out, "bench/analysis: analysis cost per minute of 1080p footage", [
    ("footage", string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s of 1920x1080 25p ProRes 422 Proxy + PCM, 12 s reel looped (5 shots, slate, person, lower third, freeze, black)")),
    ("scdet threshold", analysis.Value.SceneThreshold.ToString(CultureInfo.InvariantCulture)),
    ("sampling", $"shot middles + every {analysis.Value.SampleInterval.TotalSeconds:0} s, at most {analysis.Value.MaxSamples}"),
    ("frame sizes", $"OCR {analysis.Value.OcrWidth} px wide grey, vision {analysis.Value.VisionWidth} px RGB"),
    ("vision", useVision ? $"@vladmandic/human (wasm) in {installation.Directory}" : "off"),
], cancel);

var clip = await BenchClip.MakeAsync(runner, work, seconds, cancel);
var facts = new ClipFacts(seconds, HasVideo: true, HasAudio: true, FramesPerSecond: 25);
var frames = Path.Combine(work, "frames");
Directory.CreateDirectory(frames);
var rows = new List<(string Part, double Wall, double Cpu, string Note)>();
await using var load = await LoadSampler.StartAsync(cancel);

var pass = new MediaPass(runner, tools, analysis, Options.Create(new QcOptions()));
var (_, decodeWall, decodeCpu) = await Timed(() => runner.RunAsync("/usr/bin/ffmpeg",
    ["-nostdin", "-v", "error", "-i", clip, "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"], cancel));
rows.Add(("(reference: bare decode, ffmpeg -f null)", decodeWall, decodeCpu, "not part of the total"));
var (cutsOnly, cutsWall, cutsCpu) = await Timed(() => pass.RunAsync(clip, facts, MediaPassParts.Cuts, cancel));
rows.Add(("(split: shots alone, scdet)", cutsWall, cutsCpu, $"{cutsOnly.Shots.Count} shots; not part of the total"));
var (qcOnly, qcWall, qcCpu) = await Timed(() => pass.RunAsync(clip, facts, MediaPassParts.Qc, cancel));
rows.Add(("(split: QC alone)", qcWall, qcCpu, "black, freeze, lost frames, silence, R128; not part of the total"));
var (both, passWall, passCpu) = await Timed(() => pass.RunAsync(clip, facts, MediaPassParts.All, cancel));
var measurements = both.Qc;
var shots = both.Shots;
rows.Add(("shots + QC (one decode, as the stage)", passWall, passCpu,
    $"{shots.Count} shots, {measurements.Black.Count} black, {measurements.Freeze.Count} freeze, {measurements.Silence.Count} silence, {measurements.IntegratedLufs:0.0} LUFS"));

var samples = FramePlan.Choose(shots, seconds, analysis.Value.SampleInterval, analysis.Value.MaxSamples);
var grabber = new FrameGrabber(runner, tools, analysis);
var (grabbed, grabWall, grabCpu) = await Timed(async () =>
{
    var list = new List<GrabbedFrame>();
    foreach (var sample in samples)
    {
        if (await grabber.GrabAsync(clip, sample, frames, forOcr: true, forVision: useVision, cancel) is { } frame)
        {
            list.Add(frame);
        }
    }
    return list;
});
rows.Add(("frame extraction (ffmpeg)", grabWall, grabCpu, $"{grabbed.Count} frames, {grabWall / Math.Max(1, grabbed.Count):0.00} s/frame"));

var ocr = new TesseractReader(runner, tools, analysis);
var (lines, ocrWall, ocrCpu) = await Timed(async () =>
{
    var total = 0;
    foreach (var frame in grabbed)
    {
        total += (await ocr.ReadAsync(frame.OcrImage!, cancel)).Lines.Count;
    }
    return total;
});
rows.Add(("OCR (tesseract --psm 11)", ocrWall, ocrCpu, $"{lines} text lines, {ocrWall / Math.Max(1, grabbed.Count):0.00} s/frame"));

if (useVision)
{
    await using var vision = new NodeVisionEngine(runner, visionOptions, NullLogger<NodeVisionEngine>.Instance);
    var clock = Stopwatch.StartNew();
    await vision.AnalyseAsync(grabbed[0].VisionImage!, cancel);
    var startWall = clock.Elapsed.TotalSeconds;
    var pid = vision.ProcessId!.Value;
    var startCpu = CpuClock.Running(pid);
    rows.Add(("vision start (once per worker)", startWall, startCpu, "Node + models + first frame"));

    clock.Restart();
    var people = 0;
    foreach (var frame in grabbed.Skip(1))
    {
        people += (await vision.AnalyseAsync(frame.VisionImage!, cancel)).Objects.Count(o => o.Label == "person");
    }
    var visionWall = clock.Elapsed.TotalSeconds;
    var visionCpu = CpuClock.Running(pid) - startCpu;
    rows.Add(("vision (human: objects + faces)", visionWall, visionCpu,
        $"{grabbed.Count - 1} frames, {visionWall / Math.Max(1, grabbed.Count - 1):0.00} s/frame, person in {people}"));
}

var during = await load.StopAsync(cancel);
var minutes = seconds / 60;
Console.WriteLine($"{"part",-40} {"wall s",8} {"CPU s",8} {"wall s/min",11} {"CPU s/min",10}  note");
foreach (var (part, wall, cpu, note) in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{part,-40} {wall,8:0.0} {cpu,8:0.0} {wall / minutes,11:0.0} {cpu / minutes,10:0.0}  {note}"));
}
var perClip = rows.Where(r => !r.Part.StartsWith("vision start", StringComparison.Ordinal) && !r.Part.StartsWith('(')).ToList();
var totalWall = perClip.Sum(r => r.Wall);
var totalCpu = perClip.Sum(r => r.Cpu);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"total per clip (models loaded)",-40} {totalWall,8:0.0} {totalCpu,8:0.0} {totalWall / minutes,11:0.0} {totalCpu / minutes,10:0.0}  {seconds / totalWall:0.00}x real time"));
Console.WriteLine($"machine during the run: {during}");

if (!keep)
{
    Directory.Delete(work, recursive: true);
}
return 0;

/// <summary>Wall seconds and the CPU seconds of the tools started meanwhile.</summary>
static async Task<(T Result, double Wall, double Cpu)> Timed<T>(Func<Task<T>> part)
{
    var cpu = CpuClock.FinishedChildren();
    var clock = Stopwatch.StartNew();
    var result = await part();
    return (result, clock.Elapsed.TotalSeconds, CpuClock.FinishedChildren() - cpu);
}
