using System.ComponentModel.DataAnnotations;

namespace Mam.Hosting;

/// <summary>Section "Mam": settings every host shares.</summary>
public sealed class MamOptions
{
    public const string Section = "Mam";

    /// <summary>Where the embedded defaults keep their files: catalog.db, search.db, jobs.db, objects/, work/, api-key.
    /// Every embedded engine derives its location from this one setting unless configured itself.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Scratch space for work on media (<see cref="WorkFolders"/>); defaults to {DataDirectory}/work.
    /// Set it to a fast local disk when the data directory is a network share.</summary>
    public string? WorkDirectory { get; set; }

    public string WorkPath => string.IsNullOrWhiteSpace(WorkDirectory) ? PathTo("work") : WorkDirectory;

    public string PathTo(string name) => Path.Combine(DataDirectory, name);
}
