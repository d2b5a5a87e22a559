using System.Runtime.InteropServices;

namespace Mam.Integrity.Hashing;

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
    [DllImport(LibraryName, EntryPoint = "XXH3_createState", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern Xxh3StateHandle Xxh3CreateState();

    [DllImport(LibraryName, EntryPoint = "XXH3_freeState", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Xxh3FreeState(IntPtr state);

    [DllImport(LibraryName, EntryPoint = "XXH3_64bits_reset", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Xxh3Reset64(Xxh3StateHandle state);

    [DllImport(LibraryName, EntryPoint = "XXH3_64bits_update", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Xxh3Update64(Xxh3StateHandle state, ref byte input, nuint length);

    [DllImport(LibraryName, EntryPoint = "XXH3_64bits_digest", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern ulong Xxh3Digest64(Xxh3StateHandle state);

    [DllImport(LibraryName, EntryPoint = "XXH3_128bits_reset", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Xxh3Reset128(Xxh3StateHandle state);

    [DllImport(LibraryName, EntryPoint = "XXH3_128bits_update", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Xxh3Update128(Xxh3StateHandle state, ref byte input, nuint length);

    [DllImport(LibraryName, EntryPoint = "XXH3_128bits_digest", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern Xxh128Value Xxh3Digest128(Xxh3StateHandle state);
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

/// <summary>XXH128_hash_t, returned by value: low half first in memory.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Xxh128Value
{
    public ulong Low64;
    public ulong High64;
}

/// <summary>Owns an XXH3_state_t* (shared by the 64- and 128-bit XXH3 variants).</summary>
internal sealed class Xxh3StateHandle : SafeHandle
{
    public Xxh3StateHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.Xxh3FreeState(handle) == 0;
}
