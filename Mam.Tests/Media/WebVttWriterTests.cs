using Mam.Media.Speech;

namespace Mam.Tests.Media;

[TestFixture]
public class WebVttWriterTests
{
    [Test]
    public void Write_Segments_GivesWebVttCuesInTimeOrder()
    {
        var segments = new[]
        {
            new TranscriptSegmentData(3725.5, 3727.25, "second <line> & more", []),
            new TranscriptSegmentData(3.15, 5.93, "the harbour lights", []),
        };

        WebVttWriter.Write(segments).ShouldBe(
            "WEBVTT\n\n" +
            "00:00:03.150 --> 00:00:05.930\nthe harbour lights\n\n" +
            "01:02:05.500 --> 01:02:07.250\nsecond &lt;line&gt; &amp; more\n");
    }

    [Test]
    public void Write_NoSegments_IsJustTheHeader()
    {
        WebVttWriter.Write([]).ShouldBe("WEBVTT\n");
    }

    [Test]
    public void Write_TextWithNewlinesAndArrow_StaysInOneCue()
    {
        var vtt = WebVttWriter.Write([new TranscriptSegmentData(0, 1, "a\n\nb --> c", [])]);

        vtt.ShouldBe("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\na  b -&gt; c\n");
    }
}
