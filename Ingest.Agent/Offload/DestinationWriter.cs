using System.Text;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Offload;

/// <summary>
/// One destination drive: the card is written to <c>{root}/{card}/…</c> 1:1. Each file goes to a
/// hidden temp name first and only gets its real name once a re-read of the copy matches the source
/// hash, so a file that exists under its final name has always been verified.
/// </summary>
public sealed class DestinationWriter
{
    private const int MaxFileNameBytes = 255;

    public DestinationWriter(string root, string cardFolderName)
    {
        Root = root;
        CardFolder = Path.Combine(root, cardFolderName);
    }

    public string Root { get; }

    public string CardFolder { get; }

    /// <summary>Set when the destination as a whole is unusable; every file then fails with it.</summary>
    public string? Error { get; private set; }

    public bool IsUsable => Error is null;

    /// <summary>Marks the whole destination as failed (e.g. its lock is held elsewhere).</summary>
    public void Fail(string error) => Error ??= error;

    /// <summary>Creates the card folder; a destination that cannot take it is failed, others go on.</summary>
    public void Prepare(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Directory.CreateDirectory(CardFolder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Error = $"cannot create {CardFolder}: {ex.Message}";
        }
    }

    public string FinalPath(string relativePath) => Path.Combine(CardFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Opens the temp file for one card file, or returns a failed result.</summary>
    public (CopyTarget? Target, DestinationFileResult? Failure) Begin(string relativePath, long expectedSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var final = FinalPath(relativePath);
        if (Error is not null)
        {
            return (null, new DestinationFileResult(Root, final, false, Error));
        }

        var temp = TempPathFor(final);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            // Reserving the space up front makes a full drive fail at the start, not mid-file.
            var file = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, preallocationSize: expectedSize);
            return (new CopyTarget(this, final, temp, file), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CopyTarget.DeleteQuietly(temp);
            return (null, new DestinationFileResult(Root, final, false, CopyTarget.Explain(ex)));
        }
    }

    /// <summary>.{name}.mamtmp beside the final file; hashed when that would exceed a file name's limit.</summary>
    private static string TempPathFor(string finalPath)
    {
        var name = Path.GetFileName(finalPath);
        var temp = "." + name + ".mamtmp";
        if (Encoding.UTF8.GetByteCount(temp) > MaxFileNameBytes)
        {
            temp = "." + Xxh64.HashHex(Encoding.UTF8.GetBytes(name)) + ".mamtmp";
        }

        return Path.Combine(Path.GetDirectoryName(finalPath)!, temp);
    }
}
