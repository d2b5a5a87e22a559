using System.Globalization;
using Mam.Contracts;

namespace Mam.Storage;

/// <summary>Human-readable, stable object keys, so an archivist can find a file without the catalog:
/// originals at projects/{project}/cards/{card}/{path on card}, renditions at renditions/{assetId}/{kind}/{file}.
/// Names follow <see cref="Names"/>: a key whose parts a filesystem or a store would refuse is refused here first.</summary>
public static class ObjectKeys
{
    public static string Original(string project, string card, string relativePath)
    {
        EnsureValidName(project, "project");
        EnsureValidName(card, "card");
        EnsureValidRelativePath(relativePath);
        return $"projects/{project}/cards/{card}/{relativePath}";
    }

    /// <summary>Where the originals of one card start: every key of the card begins with this.</summary>
    public static string CardPrefix(string project, string card) => $"projects/{project}/cards/{card}/";

    public static string Rendition(Guid assetId, string kind, string fileName)
    {
        EnsureValidName(fileName, "file name");
        return string.Create(CultureInfo.InvariantCulture, $"renditions/{assetId:D}/{kind.ToLowerInvariant()}/{fileName}");
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

public sealed class InvalidObjectKeyException(string message) : Exception(message);
