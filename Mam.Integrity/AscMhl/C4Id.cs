using System.Numerics;
using System.Security.Cryptography;

namespace Mam.Integrity.AscMhl;

/// <summary>
/// C4 ID (SMPTE ST 2114): SHA-512 of the bytes, written in base58 with the C4 alphabet, left-padded
/// with '1' to 88 digits and prefixed "c4" (90 characters). ASC MHL uses it to reference each
/// generation file from ascmhl_chain.xml.
/// </summary>
public static class C4Id
{
    public const int Length = 90;

    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const int DigitCount = Length - 2;

    public static string Compute(ReadOnlySpan<byte> data) => FromSha512(SHA512.HashData(data));

    public static async Task<string> ComputeFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return FromSha512(await SHA512.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The C4 ID of data whose SHA-512 digest is given (for streaming hashers).</summary>
    public static string FromSha512(byte[] digest)
    {
        var value = new BigInteger(digest, isUnsigned: true, isBigEndian: true);
        var digits = new char[DigitCount];
        for (var i = DigitCount - 1; i >= 0; i--)
        {
            value = BigInteger.DivRem(value, Alphabet.Length, out var remainder);
            digits[i] = Alphabet[(int)remainder];
        }

        return "c4" + new string(digits);
    }

    /// <summary>The SHA-512 digest a C4 ID stands for (64 bytes, big-endian), as ascmhl decodes it.</summary>
    /// <exception cref="FormatException">Not a 90-character C4 ID.</exception>
    public static byte[] ToSha512(string c4)
    {
        ArgumentNullException.ThrowIfNull(c4);
        if (c4.Length != Length || !c4.StartsWith("c4", StringComparison.Ordinal))
        {
            throw new FormatException($"'{c4}' is not a C4 ID (90 characters starting with c4).");
        }

        var value = BigInteger.Zero;
        foreach (var digit in c4.AsSpan(2))
        {
            var index = Alphabet.IndexOf(digit, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new FormatException($"'{c4}' is not a C4 ID: '{digit}' is not a base58 digit.");
            }

            value = (value * Alphabet.Length) + index;
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > SHA512.HashSizeInBytes)
        {
            throw new FormatException($"'{c4}' is not a C4 ID: its value does not fit 512 bits.");
        }

        var digest = new byte[SHA512.HashSizeInBytes];
        bytes.CopyTo(digest, digest.Length - bytes.Length);
        return digest;
    }
}
