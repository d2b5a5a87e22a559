using System.Globalization;
using System.Text;

namespace Mam.Contracts;

/// <summary>The one rule for what the MAM stores by name: project and card names, and paths on a card
/// (folder and file names joined by '/'). The API checks every name with it before anything is written,
/// and the agent checks its --project with it before an offload starts rather than after.</summary>
public static class Names
{
    /// <returns>Why <paramref name="name"/> cannot be a project or card name (one path segment), or null when it can.</returns>
    public static string? ProblemWithName(string? name, string what)
    {
        if (name is null || !IsValidSegment(name) || name.Length > Limits.NameLength)
        {
            return Invariant($"The {what} name '{Printable(name)}' cannot be used: it must be 1–{Limits.NameLength} characters, without '/', '\\', control characters, and not '.' or '..'.");
        }
        var bytes = Encoding.UTF8.GetByteCount(name);
        return bytes > Limits.NameBytes
            ? Invariant($"The {what} name '{Printable(name)}' cannot be used: it is {bytes} bytes long in UTF-8, and a name may be at most {Limits.NameBytes} bytes (an accented letter takes 2, most Asian characters 3).")
            : null;
    }

    /// <returns>Why <paramref name="path"/> cannot be stored as a path on a card, or null when it can.</returns>
    public static string? ProblemWithPath(string? path)
    {
        var segments = path?.Split('/') ?? [];
        if (string.IsNullOrEmpty(path) || path[0] == '/' || segments.Any(s => !IsValidSegment(s)))
        {
            return $"The path '{Printable(path)}' cannot be stored: it must be relative, use '/' between folders, and have no empty, '.' or '..' parts or control characters.";
        }
        if (segments.FirstOrDefault(s => Encoding.UTF8.GetByteCount(s) > Limits.NameBytes) is { } tooLong)
        {
            return Invariant($"The path '{Printable(path)}' cannot be stored: the name '{Printable(tooLong)}' in it is {Encoding.UTF8.GetByteCount(tooLong)} bytes long in UTF-8, and a file or folder name may be at most {Limits.NameBytes} bytes.");
        }
        var bytes = Encoding.UTF8.GetByteCount(path);
        return bytes > Limits.PathLength
            ? Invariant($"The path '{Printable(path)}' cannot be stored: it is {bytes} bytes long in UTF-8, and a path may be at most {Limits.PathLength} bytes.")
            : null;
    }

    /// <summary>Not empty, not "." or "..", no '/', '\' or control characters (its length is checked apart).</summary>
    public static bool IsValidSegment(string segment) =>
        segment.Length > 0 && segment != "." && segment != ".." &&
        !segment.Any(c => c == '/' || c == '\\' || char.IsControl(c));

    public static bool FitsNameBytes(string segment) => Encoding.UTF8.GetByteCount(segment) <= Limits.NameBytes;

    /// <summary>A name as a message can show it: at most 80 characters, control characters as '?'.</summary>
    public static string Printable(string? value)
    {
        value ??= "";
        var shown = value.Length > 80 ? value[..80] + "…" : value;
        var sb = new StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }
        return sb.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
