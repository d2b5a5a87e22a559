namespace Mam.Contracts.Restores;

/// <summary>A clip cut between two timecodes, remuxed without re-encoding from byte ranges of the original.</summary>
/// <param name="Source">The original's path on the card.</param>
/// <param name="SourceXxh64">The original's xxh64, taken on set.</param>
/// <param name="From">Asked-for first frame (the clip's timecode).</param>
/// <param name="To">Asked-for end (exclusive).</param>
/// <param name="StartsAt">The cut's first frame; earlier than <paramref name="From"/> when a long-GOP
/// clip had to start at the I-frame before it.</param>
/// <param name="State">pending, ready or failed.</param>
/// <param name="ByteStart">First byte of the original's media the cut needed (inclusive).</param>
/// <param name="ByteEnd">Last byte (inclusive).</param>
/// <param name="BytesRead">Bytes read from the store for it, header and index included.</param>
public sealed record RestoreCutView(
    string Source,
    string SourceXxh64,
    string From,
    string To,
    string? StartsAt,
    bool StartsAtEarlierIFrame,
    string State,
    long? ByteStart,
    long? ByteEnd,
    long? BytesRead,
    string? Xxh64,
    string? Error);
