using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite.Clips;

/// <summary>Every clip's filter and facet fields in memory, as small integer codes in arrays indexed by
/// the clip's rowid: filtering and counting facets over twenty thousand matching clips is a loop over
/// integers (well under a millisecond), where reading those fields as text for every matching clip was
/// most of a broad search's time. Kept in step with the file, whoever writes it: every write
/// transaction takes the next <c>search_state.generation</c> and stamps the clips it writes with it
/// (removals are logged with theirs), so a search that finds a newer generation in its snapshot first
/// reads what changed since the one held here.</summary>
/// <remarks>Not thread-safe: callers hold <see cref="Gate"/> while catching up and selecting.</remarks>
internal sealed class ClipTable
{
    public const long NoRecording = long.MinValue;

    private int _capacity;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The generation the arrays hold; -1 before the first read.</summary>
    public long Generation { get; private set; } = -1;

    public FieldValues Projects { get; } = new();
    public FieldValues Cards { get; } = new();
    public FieldValues Cameras { get; } = new();
    public FieldValues Codecs { get; } = new();
    public FieldValues Resolutions { get; } = new();
    public FieldValues Tags { get; } = new();
    public FieldValues QcStatuses { get; } = new();

    public bool[] Present { get; private set; } = [];
    public Guid[] AssetIds { get; private set; } = [];
    public string[] ClipNames { get; private set; } = [];
    public int[] Project { get; private set; } = [];
    public int[] Card { get; private set; } = [];
    public int[] Camera { get; private set; } = [];
    public int[] Codec { get; private set; } = [];
    public int[] Resolution { get; private set; } = [];
    public int[] Qc { get; private set; } = [];
    public bool[] Faces { get; private set; } = [];

    /// <summary>UTC ticks, or <see cref="NoRecording"/>.</summary>
    public long[] Recorded { get; private set; } = [];
    public int[][] TagCodes { get; private set; } = [];
    public int[] Segments { get; private set; } = [];
    public long[] Words { get; private set; } = [];

    /// <summary>One past the highest rowid held.</summary>
    public int Extent { get; private set; }

    public int ClipCount { get; private set; }
    public long SegmentCount { get; private set; }
    public long WordCount { get; private set; }

    /// <summary>Reads what other writers changed since <see cref="Generation"/>, inside the caller's
    /// read transaction (so it matches the snapshot the search runs on). A snapshot older than what is
    /// held changes nothing: the arrays are at most a few writes ahead of it.</summary>
    public async Task CatchUpAsync(SqliteConnection connection, SqliteTransaction snapshot, long generation, CancellationToken cancellationToken)
    {
        if (generation <= Generation)
        {
            return;
        }

        if (Generation >= 0)
        {
            await using var removed = connection.CreateCommand();
            removed.Transaction = snapshot;
            removed.CommandText = "SELECT id FROM removed_clips WHERE generation > $since;";
            removed.Parameters.AddWithValue("$since", Generation);
            await using var reader = await removed.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Remove(reader.GetInt64(0));
            }
        }

        await using (var changed = connection.CreateCommand())
        {
            changed.Transaction = snapshot;
            changed.CommandText = """
                SELECT id, asset_id, project, card, clip_name, camera, codec, resolution, qc_status, has_faces,
                       recorded_at, tags, segments, words
                FROM clips WHERE generation > $since;
                """;
            changed.Parameters.AddWithValue("$since", Generation);
            await using var reader = await changed.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Put(reader);
            }
        }

        Generation = generation;
    }

    private void Put(SqliteDataReader row)
    {
        var id = Slot(row.GetInt64(0));
        Remove(id);
        Present[id] = true;
        AssetIds[id] = Guid.Parse(row.GetString(1), CultureInfo.InvariantCulture);
        Project[id] = Projects.CodeOf(row.GetString(2));
        Card[id] = Cards.CodeOf(row.GetString(3));
        ClipNames[id] = row.GetString(4);
        Camera[id] = Cameras.CodeOf(Text(row, 5));
        Codec[id] = Codecs.CodeOf(Text(row, 6));
        Resolution[id] = Resolutions.CodeOf(Text(row, 7));
        Qc[id] = QcStatuses.CodeOf(Text(row, 8));
        Faces[id] = row.GetInt64(9) != 0;
        Recorded[id] = Text(row, 10) is { } recorded
            ? DateTime.ParseExact(recorded, SqliteDocumentWriter.InstantFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks
            : NoRecording;
        TagCodes[id] = row.GetString(11).Split(SqliteDocumentWriter.TagSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Tags.CodeOf).ToArray();
        Segments[id] = row.GetInt32(12);
        Words[id] = row.GetInt64(13);
        ClipCount++;
        SegmentCount += Segments[id];
        WordCount += Words[id];
    }

    private void Remove(long rowId)
    {
        if (rowId < 0 || rowId >= Extent || !Present[rowId])
        {
            return;
        }

        Present[rowId] = false;
        ClipCount--;
        SegmentCount -= Segments[rowId];
        WordCount -= Words[rowId];
    }

    /// <summary>The array index of a rowid, growing the arrays to hold it.</summary>
    private int Slot(long rowId)
    {
        if (rowId is < 0 or >= int.MaxValue / 2)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A clip row id {rowId} is out of range."));
        }

        var id = (int)rowId;
        if (id >= _capacity)
        {
            Grow(Math.Max(id + 1, Math.Max(1024, _capacity * 2)));
        }

        Extent = Math.Max(Extent, id + 1);
        return id;
    }

    private void Grow(int capacity)
    {
        T[] Resized<T>(T[] array)
        {
            Array.Resize(ref array, capacity);
            return array;
        }

        Present = Resized(Present);
        AssetIds = Resized(AssetIds);
        ClipNames = Resized(ClipNames);
        Project = Resized(Project);
        Card = Resized(Card);
        Camera = Resized(Camera);
        Codec = Resized(Codec);
        Resolution = Resized(Resolution);
        Qc = Resized(Qc);
        Faces = Resized(Faces);
        Recorded = Resized(Recorded);
        TagCodes = Resized(TagCodes);
        Segments = Resized(Segments);
        Words = Resized(Words);
        _capacity = capacity;
    }

    private static string? Text(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
