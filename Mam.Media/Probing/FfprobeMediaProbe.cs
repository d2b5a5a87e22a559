using Mam.Media.Processes;
using Microsoft.Extensions.Options;

namespace Mam.Media.Probing;

/// <summary>Probes with ffprobe through the one <see cref="ProcessRunner"/> (argument list, both streams
/// drained, timeout, tree killed on cancel) and reads its JSON with <see cref="FfprobeJsonParser"/>.
/// No ffmpeg wrapper library: the ones that restore start ffprobe with their own process code (a second
/// place to get draining and killing right), keep its path in process-wide statics, and return their own
/// model we would translate again; the JSON is all we need and the parser is tested on saved output.</summary>
public sealed class FfprobeMediaProbe : IMediaProbe
{
    private const string ProbeReceiveBuffer = "262144";

    private readonly ProcessRunner runner;
    private readonly MediaToolsOptions options;

    public FfprobeMediaProbe(ProcessRunner runner, IOptions<MediaToolsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.runner = runner;
        this.options = options.Value;
    }

    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var displayName = Path.GetFileName(fullPath);
        if (!File.Exists(fullPath))
        {
            throw new MediaProbeException($"ffprobe could not read '{displayName}': the file does not exist ({fullPath}).");
        }

        // The full path can never be taken for an option ("-x.mov") or a protocol ("a:b.mov").
        return await RunAsync(fullPath, displayName, [], cancellationToken).ConfigureAwait(false);
    }

    public async Task<MediaInfo> ProbeAsync(Uri url, string displayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Only http and https URLs are probed, not {url.Scheme}.", nameof(url));
        }
        try
        {
            // The whitelist keeps a playlist or redirect from pulling ffprobe onto other protocols (file, concat).
            // ffmpeg asks for open-ended ranges ("bytes=N-") and hangs up once it has what it needs; what the
            // store sent by then is what the socket buffers held, which Linux lets grow to tens of MB. A
            // fixed receive buffer keeps that to about its size per seek.
            return await RunAsync(url.AbsoluteUri, displayName,
                ["-protocol_whitelist", "http,https,tcp,tls", "-recv_buffer_size", ProbeReceiveBuffer], cancellationToken).ConfigureAwait(false);
        }
        catch (MediaProbeException ex) when (ex.Message.Contains(url.AbsoluteUri, StringComparison.Ordinal))
        {
            // ffprobe repeats its input in errors; a presigned URL is a credential for its lifetime.
            throw new MediaProbeException(ex.Message.Replace(url.AbsoluteUri, displayName, StringComparison.Ordinal));
        }
    }

    private async Task<MediaInfo> RunAsync(string input, string displayName, string[] inputOptions, CancellationToken cancellationToken)
    {
        // -show_error puts ffprobe's reason for an unreadable file into the JSON ("Invalid data found
        // when processing input"), which reads better than its stderr, where the path is repeated.
        string json;
        try
        {
            var result = await runner.RunAsync(options.FfprobePath,
                ["-v", "error", "-show_error", "-print_format", "json", "-show_format", "-show_streams", .. inputOptions, input],
                options.StageTimeout, cancellationToken).ConfigureAwait(false);
            json = result.StandardOutput;
        }
        catch (ExternalProcessException ex) when (ex.ExitCode is not null && !string.IsNullOrWhiteSpace(ex.StandardOutput))
        {
            // ffprobe exits 1 for a file it cannot read and says why in the JSON: the parser turns that
            // into the message; output without an error entry still fails below with ffprobe's stderr.
            FfprobeJsonParser.Parse(ex.StandardOutput, displayName);
            throw new MediaProbeException($"ffprobe could not read '{displayName}': {ex.Message}", ex);
        }
        catch (ExternalProcessException ex)
        {
            // Not installed, or stopped at the time limit: the runner's message says which.
            throw new MediaProbeException($"ffprobe could not read '{displayName}': {ex.Message}", ex);
        }

        return FfprobeJsonParser.Parse(json, displayName);
    }
}
