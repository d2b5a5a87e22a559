using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Mam.Core;

/// <summary>Section "Mam": settings every host shares.</summary>
public sealed class MamOptions
{
    public const string Section = "Mam";

    /// <summary>Where the embedded defaults keep their files: catalog.db, search.db, objects/, api-key.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Adds, as the lowest-priority configuration source, embedded defaults derived from
    /// Mam:DataDirectory, so one setting places every embedded engine and any explicit key wins.</summary>
    public static void AddEmbeddedDefaults(IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var current = configuration.Build();
        var data = Path.GetFullPath(current[$"{Section}:DataDirectory"] is { Length: > 0 } d ? d : ".data");
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [$"{Section}:DataDirectory"] = data,
                ["Catalog:ConnectionString"] = $"Data Source={Path.Combine(data, "catalog.db")}",
                ["Storage:RootPath"] = Path.Combine(data, "objects"),
                ["Search:SqlitePath"] = Path.Combine(data, "search.db"),
            },
        });
    }
}
