using System.Globalization;
using Mam.Contracts;

namespace Mam.Storage;

/// <summary>Human-readable, stable object keys, so an archivist can find a file without the catalog:
/// originals at projects/{project}/cards/{card}/{path on card}, renditions at renditions/{assetId}/{kind}/{file}.
/// Names follow <see cref="Names"/>: a key whose parts a filesystem or a store would refuse is refused here first.</summary>
public static class ObjectKeys
{
    /// <summary>Every original's key starts with this: what a lifecycle rule for originals filters on.</summary>
    public const string OriginalsPrefix = "projects/";

    public const string RenditionsPrefix = "renditions/";

    private const string ProxyFolder = "proxy";

    public static string Original(string project, string card, string relativePath)
    {
        EnsureValidName(project, "project");
        EnsureValidName(card, "card");
        EnsureValidRelativePath(relativePath);
        return $"{OriginalsPrefix}{project}/cards/{card}/{relativePath}";
    }

    /// <summary>Where the originals of one card start: every key of the card begins with this.</summary>
    public static string CardPrefix(string project, string card) => $"{OriginalsPrefix}{project}/cards/{card}/";

    public static string Rendition(Guid assetId, string kind, string fileName)
    {
        EnsureValidName(fileName, "file name");
        return string.Create(CultureInfo.InvariantCulture, $"{RenditionsPrefix}{assetId:D}/{kind.ToLowerInvariant()}/{fileName}");
    }

    /// <summary>What a key holds, read from its layout: a store picks each kind's storage class by it.</summary>
    public static StoredKind KindOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith(OriginalsPrefix, StringComparison.Ordinal))
        {
            return StoredKind.Original;
        }
        if (!key.StartsWith(RenditionsPrefix, StringComparison.Ordinal))
        {
            return StoredKind.Other;
        }
        // renditions/{asset}/{kind}/{file}
        var parts = key.Split('/', 4);
        return parts.Length == 4 && string.Equals(parts[2], ProxyFolder, StringComparison.Ordinal) ? StoredKind.Proxy : StoredKind.Rendition;
    }

    /// <summary>A clip cut for a range restore, kept for the archivist's agent to read: restores/{restore}/{card}/{path}.</summary>
    public static string RestoreCut(Guid restoreId, string card, string relativePath)
    {
        EnsureValidName(card, "card");
        EnsureValidRelativePath(relativePath);
        return string.Create(CultureInfo.InvariantCulture, $"restores/{restoreId:D}/{card}/{relativePath}");
    }

    /// <summary>A project or card name: one path segment, printable, not "." or "..", at most 128 characters and 255 bytes.</summary>
    public static void EnsureValidName(string name, string what)
    {
        if (Names.ProblemWithName(name, what) is { } problem)
        {
            throw new InvalidObjectKeyException(problem);
        }
    }

    /// <summary>A relative POSIX path as it was on the card: segments joined by '/', none empty, '.' or '..', none over 255 bytes.</summary>
    public static void EnsureValidRelativePath(string path)
    {
        if (Names.ProblemWithPath(path) is { } problem)
        {
            throw new InvalidObjectKeyException(problem);
        }
    }

    /// <summary>Validates a full key before it touches a store (defence in depth against path traversal).</summary>
    public static void EnsureValidKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > Limits.StorageKeyLength || key[0] == '/' ||
            key.Split('/').Any(s => !Names.IsValidSegment(s) || !Names.FitsNameBytes(s)))
        {
            throw new InvalidObjectKeyException($"'{Names.Printable(key)}' is not a valid object key.");
        }
    }
}

/// <summary>The kinds of stored object a storage tier can be set for.</summary>
public enum StoredKind
{
    Original,
    Proxy,
    /// <summary>A rendition other than the proxy (poster, filmstrip, waveform).</summary>
    Rendition,
    /// <summary>Anything else (a restore's cut clips).</summary>
    Other,
}

public sealed class InvalidObjectKeyException(string message) : Exception(message);
