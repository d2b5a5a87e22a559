using Amazon.S3;
using Mam.Storage;
using Mam.Storage.Replicas;
using Mam.Storage.S3;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Tiers;

/// <summary>At start, sets each S3 store's lifecycle rules from its Tiers settings (the main store and
/// every replica). A store that does not answer yet is tried again, less and less often, so a worker
/// that starts before its store still applies them; a store that refuses them (a class its placement
/// does not have, no permission) is logged once with the setting to fix.</summary>
public sealed class StoreLifecycles(NamedStores stores, TimeProvider clock, ILogger<StoreLifecycles> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = stores.Names.Select(name => (Name: name, Store: stores.Find(name) as S3ObjectStore))
            .Where(s => s.Store is { HasLifecycleRules: true }).ToList();
        var wait = FirstRetry;
        while (pending.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            foreach (var (name, store) in pending.ToList())
            {
                try
                {
                    await store!.ApplyLifecycleAsync(stoppingToken).ConfigureAwait(false);
                    pending.Remove((name, store));
                }
                catch (ObjectStoreUnavailableException e)
                {
                    logger.LogWarning("Store {Store}: lifecycle rules not set yet, trying again in {Wait}: {Reason}", name, wait, e.Message);
                }
                catch (AmazonS3Exception e)
                {
                    logger.LogError("Store {Store} refused its lifecycle rules ({Code}: {Reason}); originals will not move to a colder class until its Tiers settings are fixed and the server restarted",
                        name, e.ErrorCode, e.Message);
                    pending.Remove((name, store));
                }
            }
            if (pending.Count > 0)
            {
                await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
                wait = wait * 2 > LastRetry ? LastRetry : wait * 2;
            }
        }
    }
}
