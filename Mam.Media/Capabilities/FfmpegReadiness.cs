using Mam.Media.Processes;
using Mam.Media.Renditions.Proxies;
using Microsoft.Extensions.Options;

namespace Mam.Media.Capabilities;

/// <summary>Asks the configured ffmpeg once what it can do (and ffprobe whether it runs) and keeps the answer for the life of the
/// process (as Jellyfin does): a missing encoder is a fact about the machine, not about a clip, so it is
/// reported at start and in <c>/health/ready</c> instead of failing every clip the same way.</summary>
public sealed class FfmpegReadiness
{
    /// <summary>Each question is answered from ffmpeg's built-in tables in well under a second; a
    /// binary that takes longer is hung, not busy.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly ProcessRunner runner;
    private readonly MediaToolsOptions tools;
    private readonly ProxyOptions proxies;
    private readonly IReadOnlyList<FfmpegNeeds> needs;
    private readonly HardwareDevices? devices;
    private readonly Lazy<Task<FfmpegReport>> report;

    /// <param name="proxies">Section "Proxies": its profiles add needs (libx265, drawtext) and choose the hardware encoder.</param>
    /// <param name="devices">The GPU device nodes; scanned from /dev and /sys when null.</param>
    public FfmpegReadiness(ProcessRunner runner, IOptions<MediaToolsOptions> tools, IOptions<ProxyOptions>? proxies = null, HardwareDevices? devices = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        this.runner = runner;
        this.tools = tools.Value;
        this.proxies = proxies?.Value ?? new ProxyOptions();
        this.devices = devices;
        needs = [.. FfmpegNeeds.Pipeline, .. ProxyReadiness.NeedsOf(this.proxies)];
        // Not tied to the first caller's token: the answer is shared, and one caller giving up must not
        // leave a cancelled report behind for everyone else.
        report = new Lazy<Task<FfmpegReport>>(() => DetectAsync(CancellationToken.None));
    }

    /// <summary>The report, detected on the first call and cached after.</summary>
    public Task<FfmpegReport> CheckAsync(CancellationToken cancellationToken) => report.Value.WaitAsync(cancellationToken);

    private async Task<FfmpegReport> DetectAsync(CancellationToken cancellationToken)
    {
        var path = tools.FfmpegPath;
        var ffprobe = FfprobeProblemsAsync(cancellationToken);
        FfmpegCapabilities capabilities;
        try
        {
            capabilities = await AskAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ExternalProcessException or FormatException)
        {
            var reason = ex is FormatException ? $"ffmpeg at {path} did not answer as ffmpeg does: {ex.Message}" : ex.Message;
            return new FfmpegReport(path, null, Needed(n => n.Encoders, _ => false), Needed(n => n.Filters, _ => false), [], [],
                [$"The pipeline needs ffmpeg. {reason}", .. await ffprobe.ConfigureAwait(false)]);
        }

        var proxy = ProxyReadiness.Assess(proxies, capabilities, devices ?? HardwareDevices.Scan(), File.Exists);
        var problems = needs.Select(n => Shortfall(n, capabilities, path)).OfType<string>().ToList();
        problems.AddRange(proxy.Problems);
        problems.AddRange(await ffprobe.ConfigureAwait(false));
        return new FfmpegReport(path, capabilities.Version,
            Needed(n => n.Encoders, capabilities.HasEncoder), Needed(n => n.Filters, capabilities.HasFilter),
            capabilities.HardwareAccelerators, capabilities.HardwareEncoders, problems)
        {
            ProxyHardware = proxy.Hardware,
        };
    }

    /// <summary>Every clip is probed before anything else runs on it, so an ffprobe that cannot be started
    /// would fail them all; said once here instead.</summary>
    private async Task<IReadOnlyList<string>> FfprobeProblemsAsync(CancellationToken cancellationToken)
    {
        var path = tools.FfprobePath;
        try
        {
            var answer = await runner.RunAsync(path, ["-version"], AskTimeout, cancellationToken).ConfigureAwait(false);
            return answer.StandardOutput.StartsWith("ffprobe version", StringComparison.Ordinal)
                ? []
                : [$"The pipeline needs ffprobe (MediaTools:FfprobePath) to read each clip. {path} is not ffprobe: its -version printed no \"ffprobe version …\" line."];
        }
        catch (ExternalProcessException ex)
        {
            return [$"The pipeline needs ffprobe (MediaTools:FfprobePath) to read each clip. {ex.Message}"];
        }
    }

    private async Task<FfmpegCapabilities> AskAsync(string path, CancellationToken cancellationToken)
    {
        // Four small runs side by side; -hide_banner keeps the build configuration out of the lists.
        var version = runner.RunAsync(path, ["-version"], AskTimeout, cancellationToken);
        var encoders = runner.RunAsync(path, ["-hide_banner", "-encoders"], AskTimeout, cancellationToken);
        var filters = runner.RunAsync(path, ["-hide_banner", "-filters"], AskTimeout, cancellationToken);
        var hwaccels = runner.RunAsync(path, ["-hide_banner", "-hwaccels"], AskTimeout, cancellationToken);
        await Task.WhenAll(version, encoders, filters, hwaccels).ConfigureAwait(false);
        return new FfmpegCapabilities(
            FfmpegCapabilitiesParser.ParseVersion((await version.ConfigureAwait(false)).StandardOutput),
            FfmpegCapabilitiesParser.ParseEncoders((await encoders.ConfigureAwait(false)).StandardOutput),
            FfmpegCapabilitiesParser.ParseFilters((await filters.ConfigureAwait(false)).StandardOutput),
            FfmpegCapabilitiesParser.ParseHardwareAccelerators((await hwaccels.ConfigureAwait(false)).StandardOutput));
    }

    /// <summary>"ffmpeg at /usr/bin/ffmpeg has no libx264 encoder, which proxies need: install …", or null.</summary>
    private static string? Shortfall(FfmpegNeeds needs, FfmpegCapabilities capabilities, string path)
    {
        var missing = needs.Encoders.Where(e => !capabilities.HasEncoder(e)).Select(e => $"{e} encoder")
            .Concat(needs.Filters.Where(f => !capabilities.HasFilter(f)).Select(f => $"{f} filter"))
            .ToList();
        if (missing.Count == 0)
        {
            return null;
        }
        var them = missing.Count == 1 ? "it" : "them";
        return $"ffmpeg {capabilities.Version} at {path} has no {string.Join(" and no ", missing)}, which {needs.UsedFor} need: " +
               $"install Debian's ffmpeg (apt-get install ffmpeg, as infra/install-deps.sh does) or set MediaTools:FfmpegPath to an ffmpeg that has {them}.";
    }

    private Dictionary<string, bool> Needed(Func<FfmpegNeeds, IReadOnlyList<string>> names, Func<string, bool> present) =>
        needs.SelectMany(names).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .ToDictionary(n => n, present, StringComparer.Ordinal);
}
