using System.Diagnostics;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review;

/// <summary>README's offline check of an approval certificate: infra/verify-approval.sh, with openssl
/// and coreutils only, as someone outside the team runs it.</summary>
internal static class OfflineCheck
{
    public static async Task<(int Exit, string Output)> VerifyAsync(string certificateFile, string keyFile, string folder)
    {
        var script = Path.Combine(TestMedia.FindRepoRoot(), "infra", "verify-approval.sh");
        var start = new ProcessStartInfo("bash", [Path.GetFullPath(script), certificateFile, keyFile])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
