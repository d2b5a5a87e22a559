using System.ComponentModel.DataAnnotations;

namespace Mam.Storage;

public enum StorageProvider
{
    /// <summary>Embedded default: a folder.</summary>
    FileSystem,
    /// <summary>Any S3-compatible store (AWS S3, MinIO, Ceph RGW); settings under Storage:S3.</summary>
    S3,
}

/// <summary>Section "Storage": which store keeps originals and renditions.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.FileSystem;

    /// <summary>What the copies view and fixity reports call this store (e.g. "paris-rgw"): the name
    /// every copy in it is recorded under, so keep it once files are stored.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "Storage:Name is 1-64 letters, digits, dots, dashes or underscores.")]
    public string Name { get; set; } = "main";

    /// <summary>Folder of the filesystem store; defaults to {Mam:DataDirectory}/objects.</summary>
    [Required]
    public string RootPath { get; set; } = "";

    /// <summary>Part size of resumable uploads into the filesystem store: small enough that a lost
    /// connection costs little, large enough that a 200 GB original is not a million requests.</summary>
    [Range(1, 1024)]
    public int PartSizeMiB { get; set; } = 16;
}
