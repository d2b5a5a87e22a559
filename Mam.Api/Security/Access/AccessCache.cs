using System.Collections.Concurrent;
using Mam.Api.Security.Authentication;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security.Access;

/// <summary>What every request asks the catalog about its caller (the token, the person and their
/// roles, a clip's project, the projects' names), kept for <see cref="AccessOptions.AccessCacheLifetime"/>
/// so that access control costs next to nothing per request. Any change to people, roles, tokens or
/// projects saved through this server empties it at once (<see cref="AccessChangeInterceptor"/>);
/// another API instance sharing the catalog sees the change within the lifetime.</summary>
public sealed class AccessCache(TimeProvider clock, IOptions<AccessOptions> options)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, object? Value)> _entries = new(StringComparer.Ordinal);

    // A clip never moves to another project, so its project is kept as long as there is room.
    private readonly ConcurrentDictionary<Guid, Guid> _assetProjects = new();
    private long _generation;

    /// <summary>People, roles, tokens or projects changed: forget everything about them.</summary>
    public void Changed()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    public async ValueTask<T> GetAsync<T>(string key, Func<Task<T>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return (T)entry.Value!;
        }
        var generation = Interlocked.Read(ref _generation);
        var value = await load().ConfigureAwait(false);
        // A change saved while this was loading may have made it stale: keep it only if none was.
        if (Interlocked.Read(ref _generation) == generation)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
            _entries[key] = (now + options.Value.AccessCacheLifetime, value);
        }
        return value;
    }

    public async ValueTask<Guid?> AssetProjectAsync(Guid assetId, Func<Task<Guid?>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (_assetProjects.TryGetValue(assetId, out var project))
        {
            return project;
        }
        var loaded = await load().ConfigureAwait(false);
        if (loaded is { } found)
        {
            if (_assetProjects.Count >= MaxEntries)
            {
                _assetProjects.Clear();
            }
            _assetProjects[assetId] = found;
        }
        return loaded;
    }
}
