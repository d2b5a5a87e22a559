using Hangfire;
using Mam.Catalog;
using Mam.Hosting;
using Mam.Tests.Support;
using Mam.Workers.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Workers.Jobs;

/// <summary>Two worker hosts on one job store — the scale-out deployment — with a recurring job that
/// is due every second but takes longer than that: without the one-run-at-a-time rule, runs overlap
/// at once.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class RecurringJobConcurrencyTests : TempFolderTest
{
    [TestCase("Postgres")]
    [TestCase("Sqlite")]
    public async Task RecurringJob_OnTwoHostsSharingTheJobStore_NeverRunsTwiceAtOnce(string catalog)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mam:DataDirectory"] = Temp.Path,
            ["Catalog:Provider"] = catalog,
            ["Jobs:PollInterval"] = "00:00:01",
        };
        if (catalog == "Postgres")
        {
            TestServers.Require();
            settings["Catalog:ConnectionString"] = await TestServers.CreateDatabaseAsync();
        }
        var probe = new OverlapProbe(TimeSpan.FromSeconds(2.5));

        using var first = await StartHostAsync(settings, probe);
        using var second = await StartHostAsync(settings, probe);
        await probe.WaitForRunsAsync(4, TimeSpan.FromMinutes(2));
        var monitoring = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var servers = monitoring.Servers().Count;
        await Task.WhenAll(first.StopAsync(), second.StopAsync());

        servers.ShouldBe(2, "both hosts ran a job server on the one store");
        probe.MostAtOnce.ShouldBe(1, "two runs of one recurring job overlapped");
        monitoring.DeletedListCount().ShouldBeGreaterThan(0, "runs that found another one going are skipped (Deleted), not queued up or failed");
        monitoring.FailedCount().ShouldBe(0);
    }

    private static async Task<IHost> StartHostAsync(Dictionary<string, string?> settings, OverlapProbe probe)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMamDataDirectory(builder.Configuration).AddCatalog(builder.Configuration).AddMamJobServer(builder.Configuration);
        builder.Services.AddSingleton(probe);
        builder.Services.AddRecurringJob<OverlapProbeJob>("overlap-probe", _ => "* * * * * *");
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

/// <summary>Shared by both hosts (they run in this one test process): counts runs in progress.</summary>
public sealed class OverlapProbe(TimeSpan runLength)
{
    private int _running;
    private int _mostAtOnce;
    private int _finished;

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _running);
        for (var most = MostAtOnce; now > most; most = MostAtOnce)
        {
            Interlocked.CompareExchange(ref _mostAtOnce, now, most);
        }
        try
        {
            await Task.Delay(runLength, cancellationToken);
            Interlocked.Increment(ref _finished);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async Task WaitForRunsAsync(int runs, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _finished) < runs && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Volatile.Read(ref _finished).ShouldBeGreaterThanOrEqualTo(runs, $"the recurring job should have finished {runs} runs within {timeout}");
    }
}

/// <summary>A recurring job of the test's own, so the rule is tested on every recurring job, not one.</summary>
public sealed class OverlapProbeJob(OverlapProbe probe) : IRecurringJob
{
    public Task RunAsync(CancellationToken cancellationToken) => probe.RunAsync(cancellationToken);
}
