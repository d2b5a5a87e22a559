using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Mam.Api.Audit;
using Mam.Hosting;
using Mam.Tests.Support;
using Mam.Workers.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Audit;

/// <summary>A playback is hundreds of range requests and a report of watched seconds every 15 s: the
/// trail adds them up into a row per playback, written when the player has been idle a while, or when
/// the server stops gracefully, which loses none of them.</summary>
[TestFixture]
public sealed class AuditPlaybackTests : TempFolderTest
{
    private const int Slice = 10_000;

    [Test]
    public async Task AHundredRangeRequestsOfOnePlayback_AreOneStreamRowWithTheBytesSent_AndWatchedSecondsOneRowPerView_WrittenAtAGracefulStop()
    {
        var catalog = $"Data Source={Temp.Combine("catalog.db")}";
        Guid clip;
        await using (var api = new MamApiFactory(realSocket: true, settings: new Dictionary<string, string> { ["Catalog:ConnectionString"] = catalog }))
        {
            clip = await AuditedClips.AddWithProxyAsync(api.Services, "Harbour Film", "A001C001", 100 * Slice);
            using var player = api.WithToken(await api.PersonTokenAsync("p-play", ("Harbour Film", ProjectRole.Viewer)));
            await AuditTrailTests.SendAsync(player, HttpMethod.Get, $"/api/assets/{clip}?view=v1");
            for (var i = 0; i < 100; i++)
            {
                using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/assets/{clip}/proxy");
                range.Headers.Range = new RangeHeaderValue(i * Slice, (i * Slice) + Slice - 1);
                using var response = await player.SendAsync(range);
                response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
                (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBe(Slice);
            }
            foreach (var seconds in new[] { 15.0, 15.0, 12.5 })
            {
                (await player.PostAsJsonAsync($"/api/assets/{clip}/watched", new { view = "v1", seconds })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            }
        }

        // The server has stopped; its catalog holds what it wrote.
        await using var db = await OpenAsync(catalog);
        var rows = await db.AuditEvents.Where(e => e.ActorName == "p-play").ToListAsync();
        rows.Select(r => r.Action).Order().ShouldBe(["stream", "view-clip", "watch"]);
        var stream = rows.Single(r => r.Action == "stream");
        stream.Bytes.ShouldBe(100L * Slice, "every byte of the 100 ranges, once");
        stream.Detail.ShouldStartWith("100 request(s) over ");
        (stream.Result, stream.Status, stream.ClientAddress, stream.Project, stream.AssetId).ShouldBe(("ok", 206, "127.0.0.1", "Harbour Film", clip));
        var watched = rows.Single(r => r.Action == "watch");
        watched.Seconds.ShouldBe(42.5);
        watched.Detail.ShouldStartWith("3 report(s) from view v1");
        rows.Single(r => r.Action == "view-clip").Detail.ShouldBe("clip page, view v1");
    }

    [Test]
    public async Task APlayback_IsWrittenOnceThePlayerHasBeenIdleForThePlaybackWindow_WhileTheServerRuns()
    {
        await using var api = new MamApiFactory(realSocket: true, settings: new Dictionary<string, string> { ["Audit:PlaybackWindow"] = "00:00:01" });
        using var admin = api.CreateWriter();
        var clip = await AuditedClips.AddWithProxyAsync(api.Services, "Harbour Film", "A001C001", 5 * Slice);
        using var player = api.WithToken(await api.PersonTokenAsync("p-idle", ("Harbour Film", ProjectRole.Viewer)));
        for (var i = 0; i < 5; i++)
        {
            using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/assets/{clip}/proxy");
            range.Headers.Range = new RangeHeaderValue(i * Slice, null);
            using var response = await player.SendAsync(range);
            await response.Content.ReadAsByteArrayAsync();
        }

        var rows = await AuditedClips.WaitForAsync(admin, "person=p-idle&action=stream", _ => true);

        rows.Sum(r => int.Parse(r.Text("detail").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(5);
        rows.Sum(r => r.GetProperty("bytes").GetInt64()).ShouldBe(Slice * (5L + 4 + 3 + 2 + 1), "open-ended ranges, each read to the end");
    }

    /// <summary>A test host is stopped twice at once (WebApplicationFactory's dispose and the program's
    /// own run). Before, the stop that found the tallies already taken finished at once, and its host
    /// disposed the catalog's services while the other stop was still writing the playback's row.</summary>
    [Test]
    public async Task TwoStopsAtOnce_WriteAnOpenPlaybackOnce_AndNeitherFinishesBeforeItIsWritten()
    {
        var trail = new SlowTrail();
        var tallies = new PlaybackTallies(trail, Microsoft.Extensions.Options.Options.Create(new AuditOptions()), TimeProvider.System);
        await tallies.AddAsync(new AuditEvent { At = DateTime.UtcNow, ActorId = "p-stop", ActorName = "p-stop", Action = "stream", Result = AuditResults.Ok, Bytes = 10 }, null);

        var first = tallies.StopAsync(CancellationToken.None);
        var second = tallies.StopAsync(CancellationToken.None);
        await trail.Writing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(200);

        (first.IsCompleted || second.IsCompleted).ShouldBeFalse("a stop that returns lets its host dispose what the write still needs");
        trail.Done.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        trail.Written.ShouldHaveSingleItem().Bytes.ShouldBe(10);
    }

    /// <summary>An event recorded after the trail's writer stopped is written straight to the catalog; if
    /// the host has already disposed the catalog's services too, the event goes to the log, whole, and the
    /// caller (a request still finishing, a stop) is not failed for it.</summary>
    [Test]
    public async Task AnEventTooLateForTheCatalog_IsLoggedWhole_AndFailsNoCaller()
    {
        var log = new ListLogger();
        var trail = new AuditTrail(new GoneCatalog(), Microsoft.Extensions.Options.Options.Create(new AuditOptions { QueueCapacity = 100 }), log);
        await trail.StopAsync(CancellationToken.None);

        await Should.NotThrowAsync(async () => await trail.RecordAsync(
            new AuditEvent { At = DateTime.UtcNow, ActorId = "p-late", ActorName = "p-late", Action = "stream", Result = AuditResults.Ok }, CancellationToken.None));

        log.Lines.ShouldHaveSingleItem().ShouldContain("it is kept only in this log");
        log.Lines[0].ShouldContain("p-late");
    }

    /// <summary>A catalog whose host has gone: every context asked for meets a disposed provider.</summary>
    private sealed class GoneCatalog : IDbContextFactory<CatalogDbContext>
    {
        public CatalogDbContext CreateDbContext() => throw new ObjectDisposedException("IServiceProvider");
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<AuditTrail>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    /// <summary>An audit trail whose write waits to be let go, to hold a stop in the middle of it.</summary>
    private sealed class SlowTrail : IAuditTrail
    {
        public List<AuditEvent> Written { get; } = [];
        public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask RecordAsync(AuditEvent entry, CancellationToken cancellationToken)
        {
            Writing.TrySetResult();
            await Done.Task.WaitAsync(cancellationToken);
            lock (Written)
            {
                Written.Add(entry);
            }
        }
    }

    private static async Task<CatalogDbContext> OpenAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalog:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddMamDataDirectory(configuration).AddCatalog(configuration).BuildServiceProvider();
        return await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
    }
}
