using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Hosting;

/// <summary>Unreleased footage, transcripts of every line said on set and the catalog are nobody else's on a
/// shared machine: the data directory (and the work directory) is readable by the server's user only, and
/// everything the process creates from then on — catalog, search index, job store, stored objects, staged
/// parts, scratch, the files SQLite and ffmpeg make — gets no group or other permission (umask 077).</summary>
public static class PrivateDataDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>umask 077: group and others get no permission on anything this process creates.</summary>
    private const uint OwnerOnlyMask = 0x3F;

    /// <summary>Call first, before anything is written under the data directory.</summary>
    public static void MakeDataDirectoryPrivate(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (OperatingSystem.IsWindows())
        {
            // NTFS permissions come from the parent folder's ACL; an installer sets them.
            return;
        }
        _ = Umask(OwnerOnlyMask);
        var options = services.GetRequiredService<IOptions<MamOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PrivateDataDirectory));
        Tighten(options.DataDirectory, logger);
        if (!string.IsNullOrWhiteSpace(options.WorkDirectory))
        {
            Tighten(Path.GetFullPath(options.WorkDirectory), logger);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string folder, ILogger logger)
    {
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerOnly);
            return;
        }
        var mode = File.GetUnixFileMode(folder);
        if ((mode & ~OwnerOnly) == 0)
        {
            return;
        }
        try
        {
            // What is inside was readable only through this folder; closing it closes them all.
            File.SetUnixFileMode(folder, OwnerOnly);
            logger.LogInformation("Made {Folder} readable by this user only (its mode was {Mode})", folder, Convert.ToString((int)mode, 8));
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            logger.LogWarning("{Folder} is readable by other users (mode {Mode}) and this user cannot change that: {Reason} Footage and transcripts in it are open to them.",
                folder, Convert.ToString((int)mode, 8), ex.Message);
        }
    }

    // DllImport rather than LibraryImport, which needs unsafe code for a call that passes two integers.
    [DllImport("libc", EntryPoint = "umask", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Umask(uint mask);
}
