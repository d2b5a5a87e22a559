using System.Globalization;
using System.Runtime.InteropServices;

namespace Mam.Integrity.Hashing;

/// <summary>
/// Streaming XXH3 (seed 0) from libxxhash: 64-bit ("xxh3") or 128-bit ("xxh128"). Hex is the
/// canonical big-endian form xxhsum -H3 / -H2 prints and ascmhl writes.
/// </summary>
public sealed class Xxh3Hasher : IContentHasher
{
    private readonly Xxh3StateHandle _state;
    private readonly bool _wide;

    public Xxh3Hasher(bool wide)
    {
        _wide = wide;
        try
        {
            _state = NativeMethods.Xxh3CreateState();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new XxHashUnavailableException(ex);
        }

        if (_state.IsInvalid)
        {
            throw new InvalidOperationException("XXH3_createState returned no state (out of memory).");
        }

        var reset = wide ? NativeMethods.Xxh3Reset128(_state) : NativeMethods.Xxh3Reset64(_state);
        if (reset != 0)
        {
            throw new InvalidOperationException("XXH3 reset failed.");
        }
    }

    public string Format => _wide ? HashFormats.Xxh128 : HashFormats.Xxh3;

    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        if (data.IsEmpty)
        {
            return;
        }

        ref var first = ref MemoryMarshal.GetReference(data);
        var result = _wide
            ? NativeMethods.Xxh3Update128(_state, ref first, (nuint)data.Length)
            : NativeMethods.Xxh3Update64(_state, ref first, (nuint)data.Length);
        if (result != 0)
        {
            throw new InvalidOperationException("XXH3 update failed.");
        }
    }

    public string GetHashText()
    {
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        if (!_wide)
        {
            return NativeMethods.Xxh3Digest64(_state).ToString("x16", CultureInfo.InvariantCulture);
        }

        var value = NativeMethods.Xxh3Digest128(_state);
        return value.High64.ToString("x16", CultureInfo.InvariantCulture) + value.Low64.ToString("x16", CultureInfo.InvariantCulture);
    }

    public void Dispose() => _state.Dispose();
}
