using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Mam.Media.Cuts;
using Mam.Media.Processes;
using Mam.Storage.Ranges;
using Mam.Tests.Media;
using Mam.Tests.Media.Cuts;
using Mam.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Storage.Ranges;

/// <summary>ffprobe and ffmpeg reading a stored clip through the relay: the store is only ever asked for
/// bounded ranges of one chunk, each once, far less than the clip for a short range — and the cut is the
/// same, byte for byte, as one made from the file on disk.</summary>
[TestFixture]
public sealed partial class RangeRelayTests() : TempFolderTest("relay")
{
    private const int Chunk = 64 * 1024;

    [Test]
    public async Task Cut_ThroughTheRelay_AsksTheStoreOnlyForBoundedChunksEachOnce_AndIsTheSameAsFromDisk()
    {
        var clip = await CutTestMedia.LongGopAsync(Temp.Path, seconds: 30);
        await using var store = await RangeRecordingStore.StartAsync(clip);
        var cutter = new ClipCutter(new ProcessRunner(NullLogger<ProcessRunner>.Instance), MediaTestOptions.Defaults());
        CutPlan viaRelay;
        long fromStore;
        await using (var relay = await RangeRelay.StartAsync(store.Url, Temp.File("chunks"), ".mov", Chunk, CancellationToken.None))
        {
            viaRelay = await cutter.PlanAsync(relay.Url.AbsoluteUri, 12.4, 16.0, CancellationToken.None);
            await cutter.CutAsync(relay.Url.AbsoluteUri, viaRelay, 16.0, "01:00:12:00", Temp.File("via-relay.mov"), CancellationToken.None);
            fromStore = relay.BytesFromStore;
        }
        var direct = await cutter.PlanAsync(clip, 12.4, 16.0, CancellationToken.None);
        await cutter.CutAsync(clip, direct, 16.0, "01:00:12:00", Temp.File("direct.mov"), CancellationToken.None);

        viaRelay.ShouldBe(direct);
        File.ReadAllBytes(Temp.File("via-relay.mov")).AsSpan().SequenceEqual(File.ReadAllBytes(Temp.File("direct.mov"))).ShouldBeTrue("the relay serves the stored bytes unchanged");
        var ranges = store.Ranges.ToList();
        // The first read learns the size (bytes=0-0); every other one is one whole chunk, or the object's end.
        ranges.Where(r => r != "bytes=0-0").ShouldAllBe(r => BoundedChunk(r, new FileInfo(clip).Length));
        ranges.Where(r => r != "bytes=0-0").Distinct().Count().ShouldBe(ranges.Count(r => r != "bytes=0-0"), "a chunk is read from the store once");
        fromStore.ShouldBeLessThan(new FileInfo(clip).Length / 2, "3.6 s of a 30 s clip, with its header and index");
    }

    private static bool BoundedChunk(string range, long size)
    {
        var match = RangeHeader().Match(range);
        if (!match.Success)
        {
            return false;
        }
        var (first, last) = (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        return first % Chunk == 0 && (last - first + 1 == Chunk || last == size - 1);
    }

    [GeneratedRegex(@"^bytes=(\d+)-(\d+)$")]
    private static partial Regex RangeHeader();

    /// <summary>A stand-in for a store's presigned GET (Kestrel serving the file with Range support) that records the Range header of every request.</summary>
    private sealed class RangeRecordingStore : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private RangeRecordingStore(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public ConcurrentQueue<string> Ranges { get; } = new();

        public static async Task<RangeRecordingStore> StartAsync(string file)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            RangeRecordingStore? store = null;
            app.MapGet("/bucket/clip.mov", (HttpContext http) =>
            {
                store!.Ranges.Enqueue(http.Request.Headers.Range.ToString() is { Length: > 0 } range ? range : "(whole object)");
                return Results.File(file, "application/octet-stream", enableRangeProcessing: true);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            store = new RangeRecordingStore(app, new Uri(new Uri(address), "/bucket/clip.mov?X-Amz-Signature=stand-in"));
            return store;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
