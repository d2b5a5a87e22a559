using System.Runtime.InteropServices;

namespace Ingest.Agent.Verification;

/// <summary>
/// A buffer whose first byte sits on a <see cref="UnbufferedIo.Alignment"/> boundary, as O_DIRECT
/// requires: a pinned array (it never moves) sliced at the first aligned address.
/// </summary>
internal sealed class AlignedBuffer
{
    private readonly byte[] _array;
    private readonly int _start;

    public AlignedBuffer(int size)
    {
        if (!UnbufferedIo.IsAligned(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "must be a multiple of the alignment");
        }

        _array = GC.AllocateUninitializedArray<byte>(size + UnbufferedIo.Alignment, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0).ToInt64();
        _start = (int)((UnbufferedIo.Alignment - (address % UnbufferedIo.Alignment)) % UnbufferedIo.Alignment);
        Size = size;
    }

    public int Size { get; }

    public Memory<byte> Memory => _array.AsMemory(_start, Size);
}
