using System.Globalization;
using Mam.Bench.Harness;
using Mam.Bench.OriginalReads;
using Mam.Bench.Upload;
using Mam.Media;
using Mam.Media.Cuts;
using Mam.Media.Processes;
using Mam.Media.Timecodes;
using Mam.Storage.Ranges;
using Mam.Storage.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Bench.Restore;

/// <summary>
/// Partial restore: a cut from the middle of a ProRes 422 HQ clip stored in the Ceph RGW, as the MAM's
/// restore job makes it (ffprobe's packet index and ffmpeg's remux through <see cref="RangeRelay"/>: bounded,
/// cached chunks) against ffmpeg given the presigned URL (open-ended ranges). Bytes the store sent (counted
/// on the wire by bench/original-reads' relay, headers included) ÷ bytes of the cut. Prints numbers.
/// </summary>
internal static class CutBench
{
    private const double SegmentSeconds = 10;

    public static async Task<int> RunAsync(double clipSeconds, double cutSeconds, string work, TextWriter output, CancellationToken cancellationToken)
    {
        var s3 = S3Settings.FromEnvironment();
        var endpoint = s3.Endpoint.ToString().TrimEnd('/');
        var bucket = $"mam-bench-cut-{Guid.NewGuid():N}"[..40];
        var runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        var tools = Options.Create(new MediaToolsOptions());
        var cutter = new ClipCutter(runner, tools);
        await using var wire = new CountingRelay(new Uri(endpoint));
        using var direct = Store(s3, endpoint, bucket);
        using var counted = Store(s3, wire.Endpoint.ToString().TrimEnd('/'), bucket);
        Directory.CreateDirectory(work);
        try
        {
            var clip = Path.Combine(work, "A001C001.mov");
            await MakeClipAsync(runner, tools.Value, clip, clipSeconds, work, cancellationToken).ConfigureAwait(false);
            var size = new FileInfo(clip).Length;
            await using (var content = File.OpenRead(clip))
            {
                await direct.PutAsync("originals/A001C001.mov", content, null, cancellationToken).ConfigureAwait(false);
            }
            File.Delete(clip);
            var (from, to) = ((clipSeconds - cutSeconds) / 2, (clipSeconds + cutSeconds) / 2);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clip: {clipSeconds:0.#} s of 1920x1080 25p ProRes 422 HQ + PCM, {size / 1048576.0:0.0} MiB in RGW; cut: {cutSeconds:0.#} s from {from:0.##} s"));
            var url = counted.TryGetReadUrl("originals/A001C001.mov", TimeSpan.FromHours(1))!;

            wire.Reset();
            var ours = Path.Combine(work, "ours.mov");
            await using (var relay = await RangeRelay.StartAsync(url, Path.Combine(work, "chunks"), ".mov", 1024 * 1024, cancellationToken).ConfigureAwait(false))
            {
                var plan = await cutter.PlanAsync(relay.Url.AbsoluteUri, from, to, cancellationToken).ConfigureAwait(false);
                var timecode = Timecode.FromSeconds(plan.StartSeconds, new Mam.Media.Probing.FrameRate(25, 1), "01:00:00:00");
                await cutter.CutAsync(relay.Url.AbsoluteUri, plan, to, timecode, ours, cancellationToken).ConfigureAwait(false);
            }
            Report(output, "ours (packet index, bounded cached ranges)", wire.BytesFromStore, wire.Connections, new FileInfo(ours).Length);

            wire.Reset();
            var theirs = Path.Combine(work, "ffmpeg.mov");
            await runner.RunAsync(tools.Value.FfmpegPath,
                ["-nostdin", "-v", "error", "-y", "-ss", Seconds(from), "-i", url.AbsoluteUri, "-t", Seconds(cutSeconds), "-map", "0:v", "-map", "0:a", "-c", "copy", theirs],
                TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
            Report(output, "ffmpeg on the presigned URL", wire.BytesFromStore, wire.Connections, new FileInfo(theirs).Length);
            output.WriteLine("(aim: bytes from the store ÷ bytes of the cut <= 2)");
            return 0;
        }
        finally
        {
            await direct.DeleteAsync("originals/A001C001.mov", CancellationToken.None).ConfigureAwait(false);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Encoding ProRes HQ runs at about real time here, so a long clip (the issue's 2 GiB is 260 s)
    /// is a 10 s segment encoded once and repeated by stream copy: the same all-intra packets and index
    /// layout a camera writes, in seconds instead of an hour.</summary>
    private static async Task MakeClipAsync(ProcessRunner runner, MediaToolsOptions tools, string clip, double clipSeconds, string work, CancellationToken cancellationToken)
    {
        var segmentSeconds = Math.Min(clipSeconds, SegmentSeconds);
        var segment = clipSeconds > SegmentSeconds ? Path.Combine(work, "segment.mov") : clip;
        await runner.RunAsync(tools.FfmpegPath,
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=s=1920x1080:r=25:d={segmentSeconds}"),
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:sample_rate=48000:d={segmentSeconds}"),
            "-map", "0:v", "-map", "1:a", "-ac", "2", "-c:v", "prores_ks", "-profile:v", "3", "-c:a", "pcm_s24le", "-timecode", "01:00:00:00", segment,
        ], TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
        if (segment == clip)
        {
            return;
        }
        var loops = (int)Math.Ceiling(clipSeconds / SegmentSeconds) - 1;
        await runner.RunAsync(tools.FfmpegPath,
        [
            "-nostdin", "-v", "error", "-y", "-stream_loop", loops.ToString(CultureInfo.InvariantCulture), "-i", segment,
            "-map", "0:v", "-map", "0:a", "-c", "copy", "-t", clipSeconds.ToString(CultureInfo.InvariantCulture), "-timecode", "01:00:00:00", clip,
        ], TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
        File.Delete(segment);
    }

    private static void Report(TextWriter output, string who, long bytes, long connections, long cut) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{who,-45} {bytes / 1048576.0,8:0.0} MiB from the store in {connections} connection(s) for a {cut / 1048576.0:0.0} MiB cut: {(double)bytes / cut:0.00}x"));

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The MAM's own S3 store, presigning for <paramref name="serviceUrl"/> (the counting relay's address: SigV4 signs the host).</summary>
    private static S3ObjectStore Store(S3Settings s3, string serviceUrl, string bucket) =>
        new(Options.Create(new S3StorageOptions { ServiceUrl = serviceUrl, Region = s3.Region, AccessKey = s3.AccessKey, SecretKey = s3.SecretKey, Bucket = bucket }),
            TimeProvider.System, NullLogger<S3ObjectStore>.Instance);
}
