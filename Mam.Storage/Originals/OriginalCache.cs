using System.Text;
using System.Text.RegularExpressions;
using Mam.Hosting;
using Mam.Integrity.Hashing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Storage.Originals;

/// <summary>One worker process's local copies of camera originals from a remote store, shared by its
/// stages: each original is downloaded once, however many stages read it and however many ask at once.
/// An entry a stage holds is never evicted (in-process leases); unused entries go least recently used
/// first to stay under Pipeline:OriginalCache:MaxSizeMiB. A download becomes an entry only after its
/// size and the catalog's xxh64 checked (see OriginalCache.Download.cs). The filesystem store needs no
/// copy: its objects are read in place.</summary>
public sealed partial class OriginalCache
{
    private const string PartialSuffix = ".partial";
    private static readonly TimeSpan ProbeUrlValidity = TimeSpan.FromHours(1);

    private readonly IObjectStore _store;
    private readonly WorkFolders _work;
    private readonly OriginalCacheOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _usedBytes;
    private long _useClock;

    public OriginalCache(IObjectStore store, WorkFolders work, IOptions<OriginalCacheOptions> options, IOptions<MamOptions> mam, ILogger<OriginalCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mam);
        _store = store;
        _work = work;
        _options = options.Value;
        _logger = logger;
        Root = _options.PathUnder(mam.Value);
        if (_options.Enabled)
        {
            Restore();
        }
    }

    public string Root { get; }

    public long MaxBytes => _options.MaxBytes;

    /// <summary>Bytes of complete and downloading entries.</summary>
    public long UsedBytes
    {
        get
        {
            lock (_gate)
            {
                return _usedBytes;
            }
        }
    }

    /// <summary>A local path to the original until the result is disposed. <paramref name="size"/> and
    /// <paramref name="xxh64"/> are the catalog's: a download that differs is never served.</summary>
    /// <exception cref="OriginalCacheFullException">The cache's disk is full even after evicting.</exception>
    /// <exception cref="OriginalMismatchException">The store's bytes are not the catalogued original.</exception>
    public async Task<CachedOriginal> OpenAsync(string key, long size, string? xxh64, CancellationToken cancellationToken)
    {
        if (_store.TryGetLocalPath(key) is { } local)
        {
            return new CachedOriginal(local, null);
        }
        if (!_options.Enabled)
        {
            var copy = await LocalObjectCopy.CreateAsync(_store, key, _work, cancellationToken).ConfigureAwait(false);
            return new CachedOriginal(copy.Path, copy.DisposeAsync);
        }

        var (entry, download) = Lease(key, size, xxh64);
        try
        {
            await download.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(entry);
            throw;
        }
        return new CachedOriginal(entry.Path, () =>
        {
            Release(entry);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>For ffprobe: the original in place or already cached, else the store's read URL (ranges,
    /// not the whole file), else a download as for <see cref="OpenAsync"/>. With the cache off, a
    /// download as before.</summary>
    public async Task<OriginalForProbe> OpenForProbeAsync(string key, long size, string? xxh64, CancellationToken cancellationToken)
    {
        if (_store.TryGetLocalPath(key) is null && _options.Enabled)
        {
            if (TryLeaseComplete(key, size) is { } cached)
            {
                return OriginalForProbe.File(cached);
            }
            if (_store.TryGetReadUrl(key, ProbeUrlValidity) is { } url)
            {
                return OriginalForProbe.Remote(url);
            }
        }
        return OriginalForProbe.File(await OpenAsync(key, size, xxh64, cancellationToken).ConfigureAwait(false));
    }

    private (Entry Entry, Task Download) Lease(string key, long size, string? xxh64)
    {
        lock (_gate)
        {
            var name = EntryName(key);
            if (_entries.TryGetValue(name, out var entry) && entry.Users == 0 && entry.IsComplete && entry.Size != size)
            {
                // Indexed at start from a file whose size disagrees with the catalog: not the original.
                Evict(entry);
                entry = null;
            }
            if (entry is null)
            {
                entry = new Entry(name, Path.Combine(Root, name), size);
                _entries.Add(name, entry);
                _usedBytes += size;
                TrimLocked(MaxBytes, except: entry);
                if (size > MaxBytes)
                {
                    _logger.LogInformation("{Key} ({Size} bytes) is larger than the original cache ({MaxBytes} bytes, {Setting}); it is kept only while stages use it",
                        key, size, MaxBytes, $"{OriginalCacheOptions.Section}:MaxSizeMiB");
                }
                var cancel = entry.Cancel;
                entry.Download = Task.Run(() => DownloadAsync(entry, key, xxh64, cancel.Token), CancellationToken.None);
                // Observed here so that a download every waiter gave up on is not an unobserved exception.
                entry.Download.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            entry.Users++;
            entry.LastUsed = ++_useClock;
            if (entry.IsComplete)
            {
                Touch(entry.Path);
            }
            return (entry, entry.Download);
        }
    }

    private CachedOriginal? TryLeaseComplete(string key, long size)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(EntryName(key), out var entry) || !entry.IsComplete || entry.Size != size)
            {
                return null;
            }
            entry.Users++;
            entry.LastUsed = ++_useClock;
            Touch(entry.Path);
            return new CachedOriginal(entry.Path, () =>
            {
                Release(entry);
                return ValueTask.CompletedTask;
            });
        }
    }

    private void Release(Entry entry)
    {
        CancellationTokenSource? abandon = null;
        lock (_gate)
        {
            entry.Users--;
            if (entry.Users > 0)
            {
                return;
            }
            if (!entry.IsComplete)
            {
                abandon = entry.Cancel; // nobody waits for this download any more
            }
            // Back under the cap once an entry that pushed it over (a clip larger than the cap) is free.
            TrimLocked(MaxBytes, except: null);
        }
        abandon?.Cancel();
    }

    /// <summary>Evicts unused complete entries, least recently used first, until at most
    /// <paramref name="target"/> bytes are held. Files go under the lock, so a new download of the same
    /// key can never have its file deleted by an eviction that started before it.</summary>
    private long TrimLocked(long target, Entry? except)
    {
        long freed = 0;
        foreach (var victim in _entries.Values.Where(e => e.Users == 0 && e.IsComplete && e != except).OrderBy(e => e.LastUsed).ToList())
        {
            if (_usedBytes <= target)
            {
                break;
            }
            freed += victim.Size;
            Evict(victim);
        }
        return freed;
    }

    private void Evict(Entry entry)
    {
        _entries.Remove(entry.Name);
        _usedBytes -= entry.Size;
        TryDelete(entry.Path);
    }

    /// <summary>Indexes the complete entries a previous run left (least recently used by their file
    /// times) and deletes partial downloads: a partial file is never an entry.</summary>
    private void Restore()
    {
        Directory.CreateDirectory(Root);
        var partials = 0;
        foreach (var file in new DirectoryInfo(Root).EnumerateFiles().OrderBy(f => f.LastWriteTimeUtc))
        {
            if (file.Name.EndsWith(PartialSuffix, StringComparison.Ordinal))
            {
                TryDelete(file.FullName);
                partials++;
                continue;
            }
            var entry = new Entry(file.Name, file.FullName, file.Length) { IsComplete = true, LastUsed = ++_useClock };
            _entries.Add(entry.Name, entry);
            _usedBytes += entry.Size;
        }
        lock (_gate)
        {
            TrimLocked(MaxBytes, except: null);
        }
        _logger.LogInformation("Original cache {Directory}: {Count} originals ({Bytes} bytes) kept from the last run, {Partials} partial downloads removed, cap {MaxBytes} bytes",
            Root, _entries.Count, _usedBytes, partials, MaxBytes);
    }

    /// <summary>The key's xxh64 keeps names short and free of path characters; the extension stays for
    /// tools that look at it.</summary>
    private static string EntryName(string key)
    {
        var extension = Path.GetExtension(key);
        var hash = Xxh64.HashHex(Encoding.UTF8.GetBytes(key));
        return SafeExtension().IsMatch(extension) ? hash + extension.ToLowerInvariant() : hash;
    }

    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the order of eviction after a restart depends on it.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Deleted at the next start with the other leftovers, or already gone.
        }
    }

    [GeneratedRegex("^\\.[A-Za-z0-9]{1,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeExtension();

    private sealed class Entry(string name, string path, long size)
    {
        public string Name { get; } = name;
        public string Path { get; } = path;
        public long Size { get; } = size;
        public int Users { get; set; }
        public long LastUsed { get; set; }
        public bool IsComplete { get; set; }
        public Task Download { get; set; } = Task.CompletedTask;
        public CancellationTokenSource Cancel { get; } = new();
    }
}
