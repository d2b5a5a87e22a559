using System.ComponentModel.DataAnnotations;

namespace Mam.Core.Storage;

public enum StorageProvider
{
    FileSystem,
}

/// <summary>Section "Storage". S3 arrives as a second provider behind the same IObjectStore.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.FileSystem;

    /// <summary>Folder of the filesystem store; defaults to {Mam:DataDirectory}/objects.</summary>
    [Required]
    public string RootPath { get; set; } = "";

    /// <summary>Part size of resumable uploads into the filesystem store: small enough that a lost
    /// connection costs little, large enough that a 200 GB original is not a million requests.</summary>
    [Range(1, 1024)]
    public int PartSizeMiB { get; set; } = 16;
}
