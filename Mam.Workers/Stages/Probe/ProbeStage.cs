using System.Globalization;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Media.Probing;
using Mam.Storage.Originals;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages.Probe;

/// <summary>Reads the clip's technical metadata; every later stage decides from it.</summary>
public sealed class ProbeStage(IDbContextFactory<CatalogDbContext> catalog, OriginalCache originals, IMediaProbe probe) : IPipelineStage
{

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);

        MediaInfo info;
        var file = asset.SourceFile!;
        await using (var original = await originals.OpenForProbeAsync(file.StorageKey, file.Size, file.Xxh64, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                info = original.Url is { } url
                    ? await probe.ProbeAsync(url, Path.GetFileName(file.RelativePath), cancellationToken).ConfigureAwait(false)
                    : await probe.ProbeAsync(original.Path!, cancellationToken).ConfigureAwait(false);
            }
            catch (MediaProbeException ex)
            {
                return StageOutcome.Failed(ex.Message);
            }
        }

        asset.Technical = ToTechnical(info);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return StageOutcome.Done(Describe(asset.Technical));
    }

    public static TechnicalMetadata ToTechnical(MediaInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new TechnicalMetadata
        {
            Container = Truncate(info.FormatName, 64)!,
            DurationSeconds = info.DurationSeconds,
            FrameRateNumerator = info.FrameRate?.Numerator,
            FrameRateDenominator = info.FrameRate?.Denominator,
            StartTimecode = info.StartTimecode,
            VideoCodec = info.Video?.Codec,
            Width = info.Video?.Width,
            Height = info.Video?.Height,
            AudioStreams = info.Audio.Count,
            AudioLayout = Truncate(DescribeAudio(info.Audio), 512),
            RecordedAt = info.RecordedAt,
        };
    }

    private static string? DescribeAudio(IReadOnlyList<AudioStreamInfo> audio) =>
        audio.Count == 0 ? null : string.Join(", ", audio
            .GroupBy(a => (a.Codec, a.Channels, a.ChannelLayout, a.SampleRate))
            .Select(g => string.Create(CultureInfo.InvariantCulture,
                $"{g.Count()} × {g.Key.Codec} {g.Key.ChannelLayout ?? g.Key.Channels + "ch"} {g.Key.SampleRate / 1000.0:0.#} kHz")));

    private static string Describe(TechnicalMetadata t) => string.Create(CultureInfo.InvariantCulture,
        $"{t.VideoCodec ?? "no video"} {t.Width}×{t.Height}, {t.DurationSeconds:0.##} s, audio: {t.AudioLayout ?? "none"}");

    private static string? Truncate(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;
}
