using Mam.Integrity.Hashing;
using Mam.Media;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Storage.Originals;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Storage.Originals;

/// <summary>With the S3 store (real Ceph RGW), a worker's stages read a camera original from the store
/// once: ffprobe takes ranges through a presigned GET, the other stages share one verified download.</summary>
[TestFixture]
[Category("Integration")]
public sealed class OriginalCacheTests
{
    private const int KiB = 1024;
    private S3Originals _s3 = null!;

    [SetUp]
    public void Start() => _s3 = new S3Originals();

    [TearDown]
    public async Task Stop() => await _s3.DisposeAsync();

    [Test]
    public async Task Stages_OfOneClip_ReadTheOriginalFromTheStoreOnce()
    {
        using var media = new TempFolder("original-clip");
        var clip = await TestMedia.MakeClipAsync(media.Path, "A001C003.mov", 4, CancellationToken.None);
        var original = await _s3.PutFileAsync("originals/card/A001C003.mov", clip);
        var cache = _s3.Cache(_s3.Work.Combine("cache"));
        var probe = new FfprobeMediaProbe(new ProcessRunner(NullLogger<ProcessRunner>.Instance), Options.Create(new MediaToolsOptions()));

        MediaInfo info;
        await using (var forProbe = await cache.OpenForProbeAsync(original.Key, original.Size, original.Xxh64, CancellationToken.None))
        {
            forProbe.Url.ShouldNotBeNull("nothing is cached yet, so ffprobe reads ranges over HTTP");
            info = await probe.ProbeAsync(forProbe.Url, "A001C003.mov", CancellationToken.None);
        }
        info.DurationSeconds.ShouldNotBeNull().ShouldBe(4, 0.1);
        _s3.Store.Reads.ShouldBe(0, "the probe went around the SDK, through the presigned URL");

        // Proxy, transcribe and analyse start at once, as on a worker with MediaConcurrency 3.
        var stages = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => cache.OpenAsync(original)));
        foreach (var stage in stages)
        {
            (await Xxh64.HashFileAsync(stage.Path, CancellationToken.None)).ShouldBe(original.Xxh64);
            await stage.DisposeAsync();
        }
        // A re-run later finds it cached, and so does a re-probe.
        await using (var rerun = await cache.OpenAsync(original)) { }
        await using (var reprobe = await cache.OpenForProbeAsync(original.Key, original.Size, original.Xxh64, CancellationToken.None))
        {
            reprobe.Url.ShouldBeNull();
            (await probe.ProbeAsync(reprobe.Path!, CancellationToken.None)).DurationSeconds.ShouldNotBeNull();
        }

        _s3.Store.Reads.ShouldBe(1);
        _s3.Store.BytesRead.ShouldBe(original.Size);
    }

    [Test]
    public async Task CacheOff_EachStageDownloadsTheOriginalAgain_AsBefore()
    {
        var original = await _s3.PutAsync("originals/card/B.mov", S3Originals.RandomBytes(300 * KiB));
        var cache = _s3.Cache(_s3.Work.Combine("cache"), enabled: false);

        for (var stage = 0; stage < 3; stage++)
        {
            await using var copy = await cache.OpenAsync(original);
            new FileInfo(copy.Path).Length.ShouldBe(original.Size);
        }

        _s3.Store.Reads.ShouldBe(3);
        Directory.Exists(_s3.Work.Combine("cache")).ShouldBeFalse("a cache that is off leaves no folder");
    }

    [Test]
    public async Task ManyStagesAskingAtOnce_ShareOneDownload()
    {
        var original = await _s3.PutAsync("originals/card/C.mov", S3Originals.RandomBytes(4 * 1024 * KiB));
        var cache = _s3.Cache(_s3.Work.Combine("cache"));

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.OpenAsync(original))));

        leases.Select(l => l.Path).Distinct().Count().ShouldBe(1);
        _s3.Store.Reads.ShouldBe(1);
        _s3.Store.BytesRead.ShouldBe(original.Size);
        foreach (var lease in leases)
        {
            await lease.DisposeAsync();
        }
    }

    [Test]
    public async Task OverTheCap_EvictsTheLeastRecentlyUsedUnusedOriginal_AndNeverOneInUse()
    {
        var cache = _s3.Cache(_s3.Work.Combine("cache"), maxSizeMiB: 1);
        var inUse = await _s3.PutAsync("originals/card/in-use.mov", S3Originals.RandomBytes(400 * KiB));
        var older = await _s3.PutAsync("originals/card/older.mov", S3Originals.RandomBytes(300 * KiB));
        var newer = await _s3.PutAsync("originals/card/newer.mov", S3Originals.RandomBytes(300 * KiB));
        var third = await _s3.PutAsync("originals/card/third.mov", S3Originals.RandomBytes(200 * KiB));

        await using var held = await cache.OpenAsync(inUse);
        string olderPath, newerPath;
        await using (var done = await cache.OpenAsync(older)) { olderPath = done.Path; }
        await using (var done = await cache.OpenAsync(newer)) { newerPath = done.Path; }
        await using var last = await cache.OpenAsync(third);

        File.Exists(held.Path).ShouldBeTrue("an original a running stage reads is never evicted");
        File.Exists(olderPath).ShouldBeFalse("the least recently used unused original made room");
        File.Exists(newerPath).ShouldBeTrue();
        cache.UsedBytes.ShouldBeLessThanOrEqualTo(cache.MaxBytes);
        _s3.Store.Reads.ShouldBe(4);

        await using (var again = await cache.OpenAsync(older)) { }
        _s3.Store.Reads.ShouldBe(5, "an evicted original is downloaded again when asked for");
    }

    [Test]
    public async Task AClipLargerThanTheWholeCap_IsStillServed_AndGoesWhenNoStageUsesIt()
    {
        var cache = _s3.Cache(_s3.Work.Combine("cache"), maxSizeMiB: 1);
        var huge = await _s3.PutAsync("originals/card/huge.mov", S3Originals.RandomBytes(1536 * KiB));

        string path;
        await using (var lease = await cache.OpenAsync(huge))
        {
            path = lease.Path;
            (await Xxh64.HashFileAsync(path, CancellationToken.None)).ShouldBe(huge.Xxh64);
        }

        File.Exists(path).ShouldBeFalse();
        cache.UsedBytes.ShouldBe(0);
    }

    [Test]
    public async Task ADownloadThatDoesNotMatchTheCatalog_IsNeverServed_AndLeavesNoFile()
    {
        var cacheDir = _s3.Work.Combine("cache");
        var cache = _s3.Cache(cacheDir);
        var original = await _s3.PutAsync("originals/card/D.mov", S3Originals.RandomBytes(200 * KiB));

        var corrupt = await Should.ThrowAsync<OriginalMismatchException>(() => cache.OpenAsync(original, xxh64: "0123456789abcdef"));
        corrupt.Message.ShouldContain("D.mov");
        corrupt.Message.ShouldContain("0123456789abcdef");
        var truncated = await Should.ThrowAsync<OriginalMismatchException>(() =>
            cache.OpenAsync(original.Key, original.Size + 1, original.Xxh64, CancellationToken.None));
        truncated.Message.ShouldContain("bytes arrived");

        Directory.EnumerateFileSystemEntries(cacheDir).ShouldBeEmpty("neither the bad bytes nor a partial file stay");
        cache.UsedBytes.ShouldBe(0);
        _s3.Store.Reads.ShouldBe(4, "each is downloaded once more before giving up");

        await using var good = await cache.OpenAsync(original);
        (await Xxh64.HashFileAsync(good.Path, CancellationToken.None)).ShouldBe(original.Xxh64);
    }

    [Test]
    public async Task ARestartedWorker_KeepsCompleteOriginals_AndDropsPartialDownloads()
    {
        var cacheDir = _s3.Work.Combine("cache");
        var original = await _s3.PutAsync("originals/card/E.mov", S3Originals.RandomBytes(200 * KiB));
        string path;
        await using (var lease = await _s3.Cache(cacheDir).OpenAsync(original)) { path = lease.Path; }
        // What a worker killed mid-download leaves.
        var partial = Path.Combine(cacheDir, "0000000000000000.mov.1234.partial");
        await File.WriteAllBytesAsync(partial, new byte[50 * KiB]);

        var restarted = _s3.Cache(cacheDir);

        File.Exists(partial).ShouldBeFalse();
        restarted.UsedBytes.ShouldBe(original.Size);
        await using (var lease = await restarted.OpenAsync(original))
        {
            lease.Path.ShouldBe(path);
        }
        _s3.Store.Reads.ShouldBe(1, "the restarted worker serves the complete original it already had");
    }

    [Test]
    public async Task AProbeOverTheReadUrl_ThatFails_DoesNotRevealTheSignature()
    {
        var original = await _s3.PutAsync("originals/card/notes.mov", "not a movie"u8.ToArray());
        var cache = _s3.Cache(_s3.Work.Combine("cache"));
        var probe = new FfprobeMediaProbe(new ProcessRunner(NullLogger<ProcessRunner>.Instance), Options.Create(new MediaToolsOptions()));

        await using var forProbe = await cache.OpenForProbeAsync(original.Key, original.Size, original.Xxh64, CancellationToken.None);
        var failure = await Should.ThrowAsync<MediaProbeException>(() => probe.ProbeAsync(forProbe.Url!, "notes.mov", CancellationToken.None));

        failure.Message.ShouldContain("notes.mov");
        failure.Message.ShouldNotContain("Signature");
    }
}
