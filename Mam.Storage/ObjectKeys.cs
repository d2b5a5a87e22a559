using System.Globalization;
using System.Text;
using Mam.Contracts;

namespace Mam.Storage;

/// <summary>Human-readable, stable object keys, so an archivist can find a file without the catalog:
/// originals at projects/{project}/cards/{card}/{path on card}, renditions at renditions/{assetId}/{kind}/{file}.</summary>
public static class ObjectKeys
{
    public static string Original(string project, string card, string relativePath)
    {
        EnsureValidName(project, "project");
        EnsureValidName(card, "card");
        EnsureValidRelativePath(relativePath);
        return $"projects/{project}/cards/{card}/{relativePath}";
    }

    public static string Rendition(Guid assetId, string kind, string fileName)
    {
        EnsureValidName(fileName, "file name");
        return string.Create(CultureInfo.InvariantCulture, $"renditions/{assetId:D}/{kind.ToLowerInvariant()}/{fileName}");
    }

    /// <summary>A project or card name: one path segment, printable, not "." or "..".</summary>
    public static void EnsureValidName(string name, string what)
    {
        if (!IsValidSegment(name) || name.Length > Limits.NameLength)
        {
            throw new InvalidObjectKeyException(
                $"The {what} name '{Printable(name)}' cannot be used: it must be 1–{Limits.NameLength} characters, without '/', '\\', control characters, and not '.' or '..'.");
        }
    }

    /// <summary>A relative POSIX path as it was on the card: segments joined by '/', none empty, '.' or '..'.</summary>
    public static void EnsureValidRelativePath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > Limits.PathLength || path[0] == '/' ||
            path.Split('/').Any(s => !IsValidSegment(s)))
        {
            throw new InvalidObjectKeyException(
                $"The path '{Printable(path)}' cannot be stored: it must be relative, use '/' between folders, and have no empty, '.' or '..' parts or control characters.");
        }
    }

    /// <summary>Validates a full key before it touches a store (defence in depth against path traversal).</summary>
    public static void EnsureValidKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > Limits.StorageKeyLength || key[0] == '/' ||
            key.Split('/').Any(s => !IsValidSegment(s)))
        {
            throw new InvalidObjectKeyException($"'{Printable(key)}' is not a valid object key.");
        }
    }

    private static bool IsValidSegment(string segment) =>
        segment.Length > 0 && segment != "." && segment != ".." &&
        !segment.Any(c => c == '/' || c == '\\' || char.IsControl(c));

    private static string Printable(string value)
    {
        var shown = value.Length > 80 ? value[..80] + "…" : value;
        var sb = new StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }
        return sb.ToString();
    }
}

public sealed class InvalidObjectKeyException(string message) : Exception(message);
