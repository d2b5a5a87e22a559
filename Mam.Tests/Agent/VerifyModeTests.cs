using System.Diagnostics;
using System.Globalization;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>
/// What each --verify mode promises, measured as bytes the agent read from the block device
/// (read_bytes of /proc/PID/io, which counts reads that reached the device and not those served from
/// the page cache). A `full` verification that re-read its copies from memory would look right in
/// every other test, and prove nothing about the drive.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class VerifyModeTests() : TempFolderTest("verify-mode")
{
    private const int ClipBytes = 16 * 1024 * 1024;
    private const int Clips = 3;
    private const long CardBytes = (long)ClipBytes * Clips;

    [Test]
    public async Task Offload_ReadsTheCardOnceMoreForSourceAndEveryCopyBackFromTheDriveForFull()
    {
        Assume.That(File.Exists("/proc/self/io"), "needs Linux task I/O accounting (/proc/PID/io)");
        var random = new Random(7);
        var card = Temp.Combine("cards", "A002R1AB");
        for (var i = 1; i <= Clips; i++)
        {
            var bytes = new byte[ClipBytes];
            random.NextBytes(bytes);
            Temp.WriteFile(Path.Combine("cards", "A002R1AB", $"A002C00{i}_261122_R1AB.mov"), bytes);
        }

        // The runtime and the agent's assemblies come from disk the first time; not part of any mode.
        await DeviceBytesReadAsync("--help");

        var transfer = await OffloadAsync(card, "transfer");
        var source = await OffloadAsync(card, "source");
        var full = await OffloadAsync(card, "full");

        TestContext.Out.WriteLine(Describe(transfer, source, full));
        // transfer: the card once (read unbuffered, so from the drive even though the test just wrote it).
        transfer.ShouldBeGreaterThanOrEqualTo(CardBytes);
        // source: the card a second time. full: each of the two copies once, from the drive.
        (source - transfer).ShouldBeInRange(CardBytes * 95 / 100, CardBytes * 125 / 100, Describe(transfer, source, full));
        (full - transfer).ShouldBeInRange(2 * CardBytes * 95 / 100, (2 * CardBytes) + (CardBytes / 4), Describe(transfer, source, full));
    }

    private async Task<long> OffloadAsync(string card, string mode)
    {
        var run = $"{mode}-{Guid.NewGuid():N}";
        var bytes = await DeviceBytesReadAsync("offload", card, "--dest", Temp.Combine(run, "shuttle"), "--dest", Temp.Combine(run, "raid"),
            "--verify", mode, "--quiet", "--journal", Temp.Combine(run, "journal.db"));
        SampleCard.ShouldHoldExactCopyOf(Temp.Combine(run, "raid", "A002R1AB"), card);
        return bytes;
    }

    /// <summary>Runs the agent as a child of a shell that prints its own read_bytes afterwards: the
    /// kernel adds a reaped child's I/O to its parent's, so that is the agent's total.</summary>
    private static async Task<long> DeviceBytesReadAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-c", "dotnet \"$@\" >&2 || exit; grep '^read_bytes:' /proc/$$/io", "bash",
                     Path.Combine(TestContext.CurrentContext.TestDirectory, "ingest-agent.dll"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var shell = Process.Start(start)!;
        var output = shell.StandardOutput.ReadToEndAsync();
        var error = shell.StandardError.ReadToEndAsync();
        await shell.WaitForExitAsync();
        shell.ExitCode.ShouldBe(0, $"ingest-agent {string.Join(' ', args)}:\n{await error}");
        return long.Parse((await output).Split(':')[1].Trim(), CultureInfo.InvariantCulture);
    }

    private static string Describe(long transfer, long source, long full) =>
        string.Create(CultureInfo.InvariantCulture, $"bytes read from the drive for a {CardBytes:N0}-byte card to two destinations: transfer {transfer:N0}, source {source:N0}, full {full:N0}");
}
