using System.Diagnostics;
using Mam.Storage.Originals;

namespace Mam.Tests.Storage.Originals;

/// <summary>A cache disk that fills up, for real: the cache sits on a 1 MiB tmpfs (the tests run as
/// root in CI; elsewhere they are ignored, not faked), with a cap far above what the disk holds.</summary>
[TestFixture]
[Category("Integration")]
public sealed class OriginalCacheDiskFullTests
{
    private const int KiB = 1024;
    private S3Originals _s3 = null!;
    private string _disk = "";

    [SetUp]
    public async Task MountSmallDisk()
    {
        _s3 = new S3Originals();
        _disk = _s3.Work.Combine("small-disk");
        Directory.CreateDirectory(_disk);
        var (exit, error) = await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", _disk);
        if (exit != 0)
        {
            await _s3.DisposeAsync();
            Assert.Ignore($"cannot mount a tmpfs here (needs root): {error}");
        }
    }

    [TearDown]
    public async Task UnmountSmallDisk()
    {
        await RunAsync("umount", _disk);
        await _s3.DisposeAsync();
    }

    [Test]
    public async Task DiskFull_EvictsUnusedOriginals_AndTriesAgain()
    {
        var cache = _s3.Cache(_disk, maxSizeMiB: 100);
        var earlier = await _s3.PutAsync("originals/card/earlier.mov", S3Originals.RandomBytes(600 * KiB));
        var next = await _s3.PutAsync("originals/card/next.mov", S3Originals.RandomBytes(600 * KiB));
        string earlierPath;
        await using (var done = await cache.OpenAsync(earlier)) { earlierPath = done.Path; }

        await using var lease = await cache.OpenAsync(next);

        new FileInfo(lease.Path).Length.ShouldBe(next.Size);
        File.Exists(earlierPath).ShouldBeFalse("the unused original made room on the full disk");
    }

    [Test]
    public async Task DiskFull_WithEveryOriginalInUse_FailsNamingTheFolderAndSetting_AndLeavesNoPartialFile()
    {
        var cache = _s3.Cache(_disk, maxSizeMiB: 100);
        var running = await _s3.PutAsync("originals/card/running.mov", S3Originals.RandomBytes(600 * KiB));
        var next = await _s3.PutAsync("originals/card/next.mov", S3Originals.RandomBytes(600 * KiB));
        await using var held = await cache.OpenAsync(running);

        var full = await Should.ThrowAsync<OriginalCacheFullException>(() => cache.OpenAsync(next));

        full.Message.ShouldContain(_disk);
        full.Message.ShouldContain("Pipeline:OriginalCache:MaxSizeMiB");
        full.Message.ShouldContain("next.mov");
        Directory.GetFiles(_disk).ShouldBe([held.Path], "no partial download is left on the full disk");
        File.Exists(held.Path).ShouldBeTrue();
        cache.UsedBytes.ShouldBe(running.Size);
    }

    private static async Task<(int Exit, string Error)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
