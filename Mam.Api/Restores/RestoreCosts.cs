using Mam.Contracts.Restores;

namespace Mam.Api.Restores;

/// <summary>The plan's arithmetic: transfer time at a throughput, and per retrieval tier the wait and
/// cost of the files in an archive tier. Pure, so the figures are tested without a store.</summary>
public static class RestoreCosts
{
    private const double MiB = 1024 * 1024;
    private const decimal GiB = 1024m * 1024 * 1024;

    /// <param name="archived">Size and storage class of each file that needs a restore request.</param>
    /// <returns>One entry per tier every archived file's class offers; empty when nothing is archived.</returns>
    public static IReadOnlyList<RestoreTierView> Tiers(IReadOnlyList<(long Size, string StorageClass)> archived, double transferSeconds, RestoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(archived);
        ArgumentNullException.ThrowIfNull(options);
        if (archived.Count == 0)
        {
            return [];
        }
        var tiers = new List<RestoreTierView>();
        foreach (var tier in RestoreOptions.TierNames)
        {
            var terms = archived.Select(f => (f.Size, Terms: options.ArchiveClasses.GetValueOrDefault(f.StorageClass)?.GetValueOrDefault(tier))).ToList();
            if (terms.Any(t => t.Terms is null))
            {
                // A class without this tier (DEEP_ARCHIVE has no Expedited), or one not configured at all.
                continue;
            }
            var wait = terms.Max(t => t.Terms!.WaitHours);
            var cost = Math.Round(terms.Sum(t => t.Size / GiB * t.Terms!.PricePerGiB), 2, MidpointRounding.AwayFromZero);
            tiers.Add(new RestoreTierView(tier, Math.Round(wait, 2), cost, options.Currency, Math.Round(wait + (transferSeconds / 3600), 2)));
        }
        return tiers;
    }

    /// <summary>Hours until a file of that class is readable at that tier; null when the class or tier is not configured.</summary>
    public static double? WaitHours(RestoreOptions options, string? storageClass, string? tier)
    {
        ArgumentNullException.ThrowIfNull(options);
        return storageClass is null || tier is null ? null : options.ArchiveClasses.GetValueOrDefault(storageClass)?.GetValueOrDefault(tier)?.WaitHours;
    }

    public static double TransferSeconds(long bytes, double mibPerSecond) =>
        mibPerSecond > 0 ? Math.Round(bytes / MiB / mibPerSecond, 1) : 0;

    /// <summary>The median throughput of finished restores, in MiB/s; null when there are none.</summary>
    public static double? Median(IReadOnlyList<(long Bytes, double Seconds)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var rates = runs.Where(r => r.Seconds > 0 && r.Bytes > 0).Select(r => r.Bytes / MiB / r.Seconds).Order().ToList();
        if (rates.Count == 0)
        {
            return null;
        }
        var middle = rates.Count / 2;
        return Math.Round(rates.Count % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2, 1);
    }
}
