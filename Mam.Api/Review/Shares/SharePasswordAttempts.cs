using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Mam.Api.Review.Shares;

/// <summary>Wrong share-link passwords, counted per link (a guess at one link from many addresses)
/// and per address (one address trying many links). Only wrong passwords count. Kept in this
/// process: with several API instances each counts its own, so the limit is per instance.</summary>
public sealed class SharePasswordAttempts(IOptions<ShareOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <returns>How long to wait, or null when the link and the address may try now.</returns>
    public TimeSpan? WaitBeforeTrying(Guid link, string address)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var wait = new[] { Wait("link:" + link, o.PasswordAttemptsPerLink, now), Wait("address:" + address, o.PasswordAttemptsPerAddress, now) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(Guid link, string address)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        Count("link:" + link, o.PasswordLockout, now);
        Count("address:" + address, TimeSpan.FromMinutes(1), now);
        if (_windows.Count > 100_000)
        {
            // Old windows of addresses that went away: dropped rather than kept for ever.
            foreach (var stale in _windows.Where(w => w.Value.Ends < now).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }
    }

    private TimeSpan Wait(string key, int limit, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var w) && w.Ends > now && w.Count >= limit ? w.Ends - now : TimeSpan.Zero;

    private void Count(string key, TimeSpan length, DateTimeOffset now) =>
        _windows.AddOrUpdate(key, _ => new Window(1, now + length), (_, w) => w.Ends > now ? w with { Count = w.Count + 1 } : new Window(1, now + length));

    private sealed record Window(int Count, DateTimeOffset Ends);
}
