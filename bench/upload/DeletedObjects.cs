using System.Diagnostics;

namespace Mam.Bench.Upload;

/// <summary>
/// Ceph RGW frees a deleted object's data only when its garbage collector runs (2 hours later by
/// default). Each round writes the clip two or three times (ours: the assembled upload and its
/// verified copy; theirs: the object), and the loopback test OSD of infra/servers is 20 GiB, shared
/// with every test: a few rounds could fill it and block every writer. So after each round the
/// deleted data is purged at once with `radosgw-admin gc process --include-all`, when the servers'
/// folder (MAM_TEST_SERVERS_DIR) is known; against any other store this does nothing.
/// </summary>
internal static class DeletedObjects
{
    public static async Task PurgeAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var servers = Environment.GetEnvironmentVariable("MAM_TEST_SERVERS_DIR");
        var conf = servers is null || !Directory.Exists(Path.Combine(servers, "ceph")) ? null : Directory.GetFiles(Path.Combine(servers, "ceph"), "*.conf").FirstOrDefault();
        if (conf is null)
        {
            return;
        }

        var start = new ProcessStartInfo("radosgw-admin", ["--cluster", Path.GetFileNameWithoutExtension(conf), "-c", conf, "gc", "process", "--include-all"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start);
        if (process is null)
        {
            return;
        }

        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            await output.WriteLineAsync($"  (could not purge deleted objects from the test RGW: {(await error.ConfigureAwait(false)).Trim()})".AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }
}
