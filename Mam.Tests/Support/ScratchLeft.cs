namespace Mam.Tests.Support;

/// <summary>What a work folder holds besides its bookkeeping (names starting with a dot, such as the
/// `.children` record of running tools): the scratch a finished stage must not leave behind.</summary>
internal static class ScratchLeft
{
    public static List<string> In(string workFolder) =>
        Directory.EnumerateFileSystemEntries(workFolder, "*", SearchOption.AllDirectories)
            .Where(entry => !Path.GetRelativePath(workFolder, entry).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .ToList();
}
