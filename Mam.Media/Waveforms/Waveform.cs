using System.Text.Json.Serialization;

namespace Mam.Media.Waveforms;

/// <summary>An audio waveform as min/max peak pairs, in the JSON layout of BBC's audiowaveform
/// (version 2, one channel, 8-bit peaks), so players that draw those (peaks.js, wavesurfer) read ours.</summary>
public sealed record Waveform(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("channels")] int Channels,
    [property: JsonPropertyName("sample_rate")] int SampleRate,
    [property: JsonPropertyName("samples_per_pixel")] int SamplesPerPixel,
    [property: JsonPropertyName("bits")] int Bits,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("data")] IReadOnlyList<sbyte> Data)
{
    /// <summary>Peaks from signed 16-bit mono samples: each pixel is the min and max of
    /// <paramref name="samplesPerPixel"/> samples, scaled to 8 bits.</summary>
    public static Waveform FromSamples(IEnumerable<short> samples, int sampleRate, int samplesPerPixel)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerPixel, 1);
        var data = new List<sbyte>();
        int min = short.MaxValue, max = short.MinValue, inPixel = 0;
        foreach (var sample in samples)
        {
            min = Math.Min(min, sample);
            max = Math.Max(max, sample);
            if (++inPixel == samplesPerPixel)
            {
                AddPixel(data, min, max);
                (min, max, inPixel) = (short.MaxValue, short.MinValue, 0);
            }
        }
        if (inPixel > 0)
        {
            AddPixel(data, min, max);
        }
        return new Waveform(2, 1, sampleRate, samplesPerPixel, 8, data.Count / 2, data);
    }

    private static void AddPixel(List<sbyte> data, int min, int max)
    {
        data.Add((sbyte)(min >> 8));
        data.Add((sbyte)(max >> 8));
    }
}
