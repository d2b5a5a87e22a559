using System.Runtime.InteropServices;

namespace Mam.Core.Integrity;

/// <summary>
/// P/Invoke surface of Debian's libxxhash0 (xxhash.h, v0.8). System.IO.Hashing and the managed
/// xxHash packages are not available from the package mirror we build against, so the C library
/// the distribution ships (and that xxhsum itself uses) is the reference implementation.
/// </summary>
internal static class NativeMethods
{
    internal const string LibraryName = "libxxhash.so.0";

    [DllImport(LibraryName, EntryPoint = "XXH64_createState", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern Xxh64StateHandle Xxh64CreateState();

    [DllImport(LibraryName, EntryPoint = "XXH64_freeState", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Xxh64FreeState(IntPtr state);

    [DllImport(LibraryName, EntryPoint = "XXH64_reset", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Xxh64Reset(Xxh64StateHandle state, ulong seed);

    [DllImport(LibraryName, EntryPoint = "XXH64_update", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Xxh64Update(Xxh64StateHandle state, ref byte input, nuint length);

    [DllImport(LibraryName, EntryPoint = "XXH64_digest", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern ulong Xxh64Digest(Xxh64StateHandle state);
}

/// <summary>Owns an XXH64_state_t* so it is freed even when a hasher is never disposed.</summary>
internal sealed class Xxh64StateHandle : SafeHandle
{
    public Xxh64StateHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.Xxh64FreeState(handle) == 0;
}
