using System.Buffers.Binary;

namespace Mam.Tests.Agent;

/// <summary>
/// What a published build is, read from its header: the system and processor it is for, and, for
/// macOS, whether it carries a code signature (Apple Silicon refuses to start unsigned code; an
/// ad-hoc signature is enough to run from a terminal).
/// </summary>
public sealed record ExecutableHeader(string Format, string Processor, bool HasCodeSignature, bool Console)
{
    public static ExecutableHeader Read(string path)
    {
        var head = new byte[64 * 1024];
        using (var file = File.OpenRead(path))
        {
            file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var span = head.AsSpan();
        if (BinaryPrimitives.ReadUInt32LittleEndian(span) == 0xFEEDFACF)
        {
            return MachO(span);
        }

        if (span[0] == 0x7F && span[1..4].SequenceEqual("ELF"u8))
        {
            return new ExecutableHeader("ELF", BinaryPrimitives.ReadUInt16LittleEndian(span[18..]) == 62 ? "x64" : "other", HasCodeSignature: false, Console: true);
        }

        if (span[..2].SequenceEqual("MZ"u8))
        {
            return Pe(span);
        }

        return new ExecutableHeader("unknown", "unknown", HasCodeSignature: false, Console: false);
    }

    /// <summary>mach-o/loader.h: mach_header_64, then ncmds load commands (cmd, cmdsize).</summary>
    private static ExecutableHeader MachO(ReadOnlySpan<byte> head)
    {
        const uint LoadCommandCodeSignature = 0x1D;
        var processor = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]) switch
        {
            0x0100000C => "arm64",
            0x01000007 => "x64",
            _ => "other",
        };
        var commands = BinaryPrimitives.ReadUInt32LittleEndian(head[16..]);
        var offset = 32;
        var hasCodeSignature = false;
        for (var i = 0; i < commands && offset + 8 <= head.Length; i++)
        {
            hasCodeSignature |= BinaryPrimitives.ReadUInt32LittleEndian(head[offset..]) == LoadCommandCodeSignature;
            offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(head[(offset + 4)..]);
        }

        return new ExecutableHeader("Mach-O", processor, hasCodeSignature, Console: true);
    }

    /// <summary>PE/COFF: e_lfanew → "PE\0\0", machine, then the optional header's subsystem (3 = console).</summary>
    private static ExecutableHeader Pe(ReadOnlySpan<byte> head)
    {
        var pe = BinaryPrimitives.ReadInt32LittleEndian(head[0x3C..]);
        if (!head.Slice(pe, 4).SequenceEqual("PE\0\0"u8))
        {
            return new ExecutableHeader("MZ", "unknown", HasCodeSignature: false, Console: false);
        }

        var processor = BinaryPrimitives.ReadUInt16LittleEndian(head[(pe + 4)..]) == 0x8664 ? "x64" : "other";
        var subsystem = BinaryPrimitives.ReadUInt16LittleEndian(head[(pe + 24 + 68)..]);
        return new ExecutableHeader("PE", processor, HasCodeSignature: false, Console: subsystem == 3);
    }
}
