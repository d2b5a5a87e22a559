using System.Diagnostics;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review;

/// <summary>README's offline check of an approval certificate: infra/verify-approval.sh, with openssl
/// and coreutils only, as someone outside the team runs it.</summary>
internal static class OfflineCheck
{
    /// <summary>Saves the certificate and the key as the files README's check reads, in a folder of
    /// their own under <paramref name="folder"/>, and runs the check on them.</summary>
    public static async Task<(int Exit, string Output)> VerifyAsync(string certificate, string keyPem, string folder)
    {
        var files = Directory.CreateDirectory(Path.Combine(folder, $"offline-check-{Guid.NewGuid():N}")).FullName;
        await File.WriteAllTextAsync(Path.Combine(files, "approval.jws"), certificate);
        await File.WriteAllTextAsync(Path.Combine(files, "signing-key.pem"), keyPem);
        var script = Path.Combine(TestMedia.FindRepoRoot(), "infra", "verify-approval.sh");
        var start = new ProcessStartInfo("bash", [Path.GetFullPath(script), "approval.jws", "signing-key.pem"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = files,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
