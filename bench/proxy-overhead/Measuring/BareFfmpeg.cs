using System.Diagnostics;

namespace Mam.Bench.ProxyOverhead.Measuring;

/// <summary>The baseline: ffmpeg started directly with the given arguments, as an operator would from
/// a shell — no temp name, no rename, no runner. Output goes where stdout/stderr go nowhere, as ours.</summary>
public static class BareFfmpeg
{
    public static async Task RunAsync(string ffmpeg, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpeg) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{ffmpeg} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        _ = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bare ffmpeg failed ({process.ExitCode}): {errors}");
        }
    }
}
