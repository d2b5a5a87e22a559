using System.Text;
using Microsoft.Extensions.Options;
using Xabe.FFmpeg;

namespace Mam.Media.Probing;

/// <summary>Probes with ffprobe through Xabe.FFmpeg, which the customer requires for probing.
/// Licence: Xabe.FFmpeg is CC BY-NC-SA 4.0 for non-commercial use and needs a paid licence otherwise;
/// it stays behind <see cref="IMediaProbe"/> so it can be swapped for a plain ProcessRunner call.</summary>
public sealed class XabeMediaProbe : IMediaProbe
{
    private static readonly Lock ConfigureLock = new();
    private static string? configuredDirectory;

    private readonly MediaToolsOptions options;

    public XabeMediaProbe(IOptions<MediaToolsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
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

        if (!File.Exists(options.FfprobePath))
        {
            throw new MediaProbeException(
                $"ffprobe not found at {options.FfprobePath}: install it with apt-get install ffmpeg");
        }

        ConfigureXabe();

        // Xabe reads only stdout and leaves stderr unread, so errors are asked for inside the JSON
        // (-show_error) and the log level is "quiet" so nothing leaks onto the service's own stderr.
        var arguments = "-v quiet -show_error -print_format json -show_format -show_streams " + QuoteArgument(fullPath);
        string json;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StageTimeout);
        try
        {
            json = await Probe.New().Start(arguments, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaProbeException($"ffprobe could not read '{displayName}': it did not finish within {options.StageTimeout}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return FfprobeJsonParser.Parse(json, displayName);
    }

    /// <summary>Quotes one argument for <see cref="System.Diagnostics.ProcessStartInfo.Arguments"/>, which
    /// .NET splits with the Windows command-line rules on every OS. Xabe's own Escape() only wraps the
    /// text in double quotes, which breaks on names containing '"' or ending in '\'.</summary>
    public static string QuoteArgument(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var quoted = new StringBuilder(argument.Length + 2).Append('"');
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            // Backslashes are literal unless they precede a quote; then each must be doubled.
            quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
            backslashes = 0;
        }

        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }

    private void ConfigureXabe()
    {
        var directory = Path.GetDirectoryName(options.FfprobePath)!;
        lock (ConfigureLock)
        {
            // Xabe keeps the executable paths in process-wide statics; set them once per directory.
            if (configuredDirectory == directory)
            {
                return;
            }

            FFmpeg.SetExecutablesPath(
                directory,
                Path.GetFileName(options.FfmpegPath),
                Path.GetFileName(options.FfprobePath),
                FileNameFilterMethod.Exact);
            configuredDirectory = directory;
        }
    }
}
