using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Mam.Storage.S3;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Storage.Replicas;

/// <summary>Section "Storage:Replicas": further S3-compatible stores, by name (another bucket, another
/// site, another provider), each holding a copy of every original. Each takes the settings of
/// "Storage:S3" (ServiceUrl, Region, AccessKey, SecretKey, Bucket, KeyPrefix, StorageClass…).</summary>
public sealed class ReplicaOptions
{
    public const string Section = "Storage:Replicas";

    public Dictionary<string, S3StorageOptions> Stores { get; set; } = [];

    /// <summary>Every problem with the replicas' settings, in words; empty when they are fine.</summary>
    public IEnumerable<string> Problems(string mainStore)
    {
        foreach (var (name, store) in Stores)
        {
            if (!Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))
            {
                yield return $"Storage:Replicas:{name}: a store's name is 1-64 letters, digits, dots, dashes or underscores.";
            }
            if (string.Equals(name, mainStore, StringComparison.Ordinal))
            {
                yield return $"Storage:Replicas:{name}: the main store (Storage:Name) is already called '{name}'.";
            }
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(store, new ValidationContext(store), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return $"Storage:Replicas:{name}: {result.ErrorMessage}";
                }
            }
            foreach (var problem in store.Problems($"Storage:Replicas:{name}"))
            {
                yield return problem;
            }
        }
    }
}

/// <summary>Every store the server writes originals to, by the name copies are recorded under: the main
/// store (Storage:Name) and each replica.</summary>
public sealed class NamedStores : IDisposable
{
    private readonly Dictionary<string, IObjectStore> _stores = new(StringComparer.Ordinal);
    private readonly List<S3ObjectStore> _owned = [];

    public NamedStores(IObjectStore main, StoreIdentity mainIdentity, IOptions<ReplicaOptions> replicas, TimeProvider clock, ILoggerFactory logging)
    {
        ArgumentNullException.ThrowIfNull(mainIdentity);
        ArgumentNullException.ThrowIfNull(replicas);
        Main = mainIdentity;
        _stores[mainIdentity.Name] = main;
        var identities = new List<StoreIdentity>();
        foreach (var (name, options) in replicas.Value.Stores.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var store = new S3ObjectStore(Options.Create(options), clock, logging.CreateLogger<S3ObjectStore>());
            _owned.Add(store);
            _stores[name] = store;
            identities.Add(StoreIdentity.From(new StorageOptions { Name = name, Provider = StorageProvider.S3 }, options));
        }
        Replicas = identities;
    }

    public StoreIdentity Main { get; }

    public IReadOnlyList<StoreIdentity> Replicas { get; }

    public IEnumerable<string> Names => _stores.Keys;

    /// <summary>Null for a name no configured store has (a replica since removed from the settings).</summary>
    public IObjectStore? Find(string name) => _stores.GetValueOrDefault(name);

    public string? Describe(string name) => name == Main.Name ? Main.Description : Replicas.FirstOrDefault(r => r.Name == name)?.Description;

    public void Dispose()
    {
        foreach (var store in _owned)
        {
            store.Dispose();
        }
    }
}
