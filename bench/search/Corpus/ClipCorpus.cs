using System.Globalization;
using Mam.Search;

namespace Mam.Bench.Search.Corpus;

/// <summary>Generates clips (projects, cards, cameras, dates, codecs, tags, QC) with time-coded
/// segments, deterministically from a seed, in batches so a million segments never sit in memory at once.</summary>
public sealed class ClipCorpus(int seed, int projects, int segmentsPerClip, int clipsPerCard)
{
    private static readonly string[] Cameras = ["A", "B", "C", "D"];
    private static readonly (string Codec, string Resolution)[] Formats =
        [("prores", "1920x1080"), ("prores", "3840x2160"), ("h264", "1920x1080"), ("dnxhd", "1920x1080"), ("arriraw", "4448x3096")];

    private readonly Random _random = new(seed);
    private readonly Dialogue _dialogue = new(new Random(seed + 1));
    private readonly DateTime _firstDay = new(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);
    private int _clipNumber;

    public static string ProjectName(int index) => string.Create(CultureInfo.InvariantCulture, $"Feature {index + 1:00}");

    public DateTime FirstDay => _firstDay;

    public Dialogue Dialogue => _dialogue;

    /// <summary>The next clips, holding <paramref name="segments"/> segments between them.</summary>
    public List<AssetDocument> NextBatch(int segments)
    {
        var clips = new List<AssetDocument>();
        while (segments > 0)
        {
            var count = Math.Min(segments, Math.Max(1, segmentsPerClip / 2 + _random.Next(segmentsPerClip + 1)));
            clips.Add(NextClip(count));
            segments -= count;
        }

        return clips;
    }

    /// <summary>Each word's time, spread over the phrase as a recogniser reports them.</summary>
    private static List<WordTiming> Said(string text, double start, double length)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var each = length / words.Length;
        return words.Select((w, i) => new WordTiming(w, start + i * each, start + (i + 0.85) * each)).ToList();
    }

    private AssetDocument NextClip(int segmentCount)
    {
        var number = _clipNumber++;
        var project = number % projects;
        var cardNumber = number / projects / clipsPerCard;
        var camera = Cameras[cardNumber % Cameras.Length];
        var card = string.Create(CultureInfo.InvariantCulture, $"{camera}{cardNumber + 1:000}R{project + 1:00}");
        var clipName = string.Create(CultureInfo.InvariantCulture, $"{card[..4]}C{number / projects % clipsPerCard + 1:000}");
        var (codec, resolution) = Formats[_random.Next(Formats.Length)];
        var scene = 1 + _random.Next(120);
        var take = 1 + _random.Next(9);

        var segments = new List<SegmentDocument>(segmentCount);
        var time = 0.0;
        for (var i = 0; i < segmentCount; i++)
        {
            var length = 1.5 + _random.NextDouble() * 5;
            var (text, source) = i switch
            {
                0 => (string.Create(CultureInfo.InvariantCulture, $"scene {scene} take {take} {ProjectName(project)} roll {card}"), SegmentSources.Slate),
                _ when _random.Next(25) == 0 => ("person", SegmentSources.Object),
                _ => (_dialogue.Sentence(), SegmentSources.Transcript),
            };
            segments.Add(new SegmentDocument(time, time + length, text, source)
            {
                Confidence = 0.5 + _random.NextDouble() / 2,
                Words = source == SegmentSources.Transcript ? Said(text, time, length) : [],
            });

            // A recogniser's phrases end at pauses: more than the engine's joining pause (0.8 s), so
            // both engines index exactly these segments.
            time += length + 0.9 + _random.NextDouble() * 2;
        }

        var tags = new List<string> { string.Create(CultureInfo.InvariantCulture, $"scene {scene} take {take}") };
        if (_random.Next(10) < 6)
        {
            tags.Add("person");
        }

        if (_random.Next(10) == 0)
        {
            tags.Add("car");
        }

        var day = project * 3 + cardNumber % 40;
        return new AssetDocument(Guid.NewGuid(), ProjectName(project), card, clipName, $"{clipName}.mov camera {camera} {codec} {resolution}", segments)
        {
            Camera = camera,
            Codec = codec,
            Resolution = resolution,
            RecordedAt = _firstDay.AddDays(day).AddHours(7 + _random.Next(12)).AddMinutes(_random.Next(60)),
            Tags = tags,
            HasFaces = tags.Contains("person") && _random.Next(4) != 0,
            QcStatus = _random.Next(20) switch { 0 => QcStatuses.Fail, < 4 => QcStatuses.Warning, _ => QcStatuses.Pass },
        };
    }
}
