using System.Globalization;
using Mam.Media.Processes;
using Microsoft.Extensions.Options;

namespace Mam.Media.Cuts;

/// <summary>
/// Cuts a range out of a clip without re-encoding: ffprobe lists the packets of the range (its packet
/// index: pts, pos, size, flags), <see cref="CutPlan"/> finds the I-frame to start at and the bytes needed,
/// and ffmpeg remuxes (<c>-c copy</c>) from that I-frame to the end of the range, stamping the cut's own
/// start timecode (ffmpeg would keep the original's). The input is a local path or an http URL; over http
/// give it a <c>Mam.Storage.Ranges.RangeRelay</c>, which turns ffmpeg's open-ended range requests into
/// bounded reads of the store.
/// </summary>
public sealed class ClipCutter(ProcessRunner runner, IOptions<MediaToolsOptions> options)
{
    /// <summary>As the probe does: over http, a fixed receive buffer keeps what the socket takes ahead of
    /// ffmpeg after a seek to about its size.</summary>
    private const string ReceiveBuffer = "262144";

    private readonly MediaToolsOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    public async Task<CutPlan> PlanAsync(string input, double from, double to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        var result = await runner.RunAsync(_options.FfprobePath,
            ["-v", "error", .. HttpOptions(input), "-print_format", "json",
             "-read_intervals", string.Create(CultureInfo.InvariantCulture, $"{from:0.######}%{to:0.######}"),
             "-show_entries", "packet=stream_index,pts_time,dts_time,pos,size,flags:stream=index,codec_type:format=start_time", input],
            _options.StageTimeout, cancellationToken).ConfigureAwait(false);
        return CutPlan.From(PacketIndex.Parse(result.StandardOutput), from, to);
    }

    /// <param name="timecode">The timecode of the cut's first frame (HH:MM:SS:FF, ';' before the frames for drop-frame).</param>
    /// <param name="output">The cut's file; its extension picks the container (the original's, normally).</param>
    public async Task CutAsync(string input, CutPlan plan, double to, string timecode, string output, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        ArgumentNullException.ThrowIfNull(plan);
        await runner.RunAsync(_options.FfmpegPath,
            ["-nostdin", "-v", "error", "-y", .. HttpOptions(input),
             // Before -i: ffmpeg seeks the input to the I-frame itself, so copying starts there.
             "-ss", Seconds(plan.StartSeconds), "-i", input, "-t", Seconds(to - plan.StartSeconds),
             "-map", "0:v?", "-map", "0:a?", "-c", "copy", "-timecode", timecode, output],
            _options.StageTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static string[] HttpOptions(string input) =>
        input.StartsWith("http://", StringComparison.Ordinal) || input.StartsWith("https://", StringComparison.Ordinal)
            ? ["-protocol_whitelist", "http,https,tcp,tls", "-recv_buffer_size", ReceiveBuffer]
            : [];

    private static string Seconds(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);
}
