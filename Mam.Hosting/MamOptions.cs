using System.ComponentModel.DataAnnotations;

namespace Mam.Hosting;

/// <summary>Section "Mam": settings every host shares.</summary>
public sealed class MamOptions
{
    public const string Section = "Mam";

    /// <summary>Where the embedded defaults keep their files: catalog.db, search.db, objects/, api-key.
    /// Every embedded engine derives its location from this one setting unless configured itself.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    public string PathTo(string name) => Path.Combine(DataDirectory, name);
}
