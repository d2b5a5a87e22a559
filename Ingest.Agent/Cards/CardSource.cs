using System.Globalization;
using System.Text;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Cards;

/// <summary>A file found on the card; <see cref="RelativePath"/> is POSIX-style, relative to the card root.</summary>
/// <param name="Size">Size when listed; the copy records the bytes actually read.</param>
public sealed record SourceFile(string RelativePath, string FullPath, long Size, DateTime LastWriteUtc);

/// <summary>Something on the card that could not be listed (an unreadable folder, a folder symlink).</summary>
public sealed record SourceProblem(string RelativePath, string Error);

/// <summary>Lists every file on a card, hidden ones included: a 1:1 copy keeps sidecars and OS files too.</summary>
public static class CardSource
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    public static bool HasAnyFile(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = true }).Any();

    public static (IReadOnlyList<SourceFile> Files, IReadOnlyList<SourceProblem> Problems) Scan(string root, CancellationToken cancellationToken)
    {
        var files = new List<SourceFile>();
        var problems = new List<SourceProblem>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            try
            {
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", OneLevel))
                {
                    var relative = Relative(root, entry.FullName);
                    if (entry is DirectoryInfo directory)
                    {
                        if (directory.LinkTarget is not null)
                        {
                            // Following folder links could loop or pull in another volume; cards have none.
                            problems.Add(new SourceProblem(relative, "symbolic link to a folder; not followed"));
                            continue;
                        }

                        pending.Push(directory.FullName);
                    }
                    else
                    {
                        files.Add(new SourceFile(relative, entry.FullName, SafeLength(entry), SafeLastWriteUtc(entry)));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new SourceProblem(Relative(root, folder), ex.Message));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return (files, problems);
    }

    /// <summary>
    /// Identifies the card by its listing (paths, sizes, modification times): the same card
    /// reinserted gives the same value, another card with the same folder name does not.
    /// </summary>
    public static string Fingerprint(IReadOnlyList<SourceFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var listing = new StringBuilder();
        foreach (var file in files)
        {
            listing.Append(CultureInfo.InvariantCulture, $"{file.RelativePath}\0{file.Size}\0{file.LastWriteUtc.Ticks}\n");
        }

        return Xxh64.HashHex(Encoding.UTF8.GetBytes(listing.ToString()));
    }

    private static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static long SafeLength(FileSystemInfo entry)
    {
        try
        {
            return entry is FileInfo file ? file.Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static DateTime SafeLastWriteUtc(FileSystemInfo entry)
    {
        try
        {
            return entry.LastWriteTimeUtc;
        }
        catch (IOException)
        {
            return DateTime.UnixEpoch;
        }
    }
}
