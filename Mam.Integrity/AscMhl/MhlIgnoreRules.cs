namespace Mam.Integrity.AscMhl;

/// <summary>
/// Which files a generation leaves out. Patterns follow ascmhl's gitignore-like style, reduced to
/// what camera cards need: a pattern matches any path segment by name ('*' and '?' wildcards), and a
/// pattern ending in '/' only matches folders.
/// </summary>
public sealed class MhlIgnoreRules
{
    /// <summary>ascmhl's defaults (.DS_Store, ascmhl, ascmhl/) plus the other OS litter found on cards.</summary>
    public static readonly IReadOnlyList<string> DefaultPatterns =
    [
        ".DS_Store",
        "ascmhl",
        "ascmhl/",
        "._*",
        ".Spotlight-V100",
        ".Trashes",
        ".fseventsd",
        ".TemporaryItems",
        ".DocumentRevisions-V100",
        "Thumbs.db",
        "desktop.ini",
    ];

    public MhlIgnoreRules(IReadOnlyList<string> patterns)
    {
        Patterns = patterns;
    }

    public static MhlIgnoreRules Default { get; } = new(DefaultPatterns);

    public IReadOnlyList<string> Patterns { get; }

    /// <param name="relativePath">POSIX path relative to the history root.</param>
    public bool IsIgnored(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var isFolder = i < segments.Length - 1;
            foreach (var pattern in Patterns)
            {
                var folderOnly = pattern.EndsWith('/');
                var name = folderOnly ? pattern[..^1] : pattern;
                if ((!folderOnly || isFolder) && GlobMatches(name, segments[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool GlobMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
