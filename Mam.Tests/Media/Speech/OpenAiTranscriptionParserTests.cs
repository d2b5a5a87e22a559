using Mam.Media.Speech;
using Mam.Media.Speech.OpenAi;

namespace Mam.Tests.Media.Speech;

[TestFixture]
public sealed class OpenAiTranscriptionParserTests
{
    private const string Server = "http://gpu1:8000/v1";

    /// <summary>faster-whisper-server and whisper.cpp's server: scored words inside each segment.</summary>
    private const string SegmentsWithWords = """
        {"task":"transcribe","language":"en","duration":12.0,"text":" The harbour lights. Bring the bag.",
         "segments":[
          {"id":0,"seek":0,"start":2.0,"end":4.4,"text":" The harbour lights.","tokens":[50364,440],"temperature":0.0,
           "avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01,
           "words":[{"start":2.0,"end":2.3,"word":" The","probability":0.9},{"start":2.3,"end":3.0,"word":" harbour","probability":0.8},
                    {"start":3.0,"end":4.4,"word":" lights.","probability":0.7,"t_dtw":-1}]},
          {"id":1,"seek":0,"start":6.0,"end":7.5,"text":" Bring the bag.","avg_logprob":-0.1,"no_speech_prob":0.02,
           "words":[{"start":6.0,"end":6.4,"word":" Bring","probability":1.0},{"start":6.4,"end":6.6,"word":" the","probability":1.0},
                    {"start":6.6,"end":7.5,"word":" bag.","probability":1.0}]}]}
        """;

    /// <summary>OpenAI: unscored words beside the segments, which carry avg_logprob.</summary>
    private const string WordsBesideSegments = """
        {"task":"transcribe","language":"english","duration":12.0,"text":"The harbour lights. Bring the bag.",
         "words":[{"word":"The","start":2.0,"end":2.3},{"word":"harbour","start":2.3,"end":3.0},{"word":"lights","start":3.0,"end":4.4},
                  {"word":"Bring","start":6.0,"end":6.4},{"word":"the","start":6.4,"end":6.6},{"word":"bag","start":6.6,"end":7.5}],
         "segments":[{"id":0,"seek":0,"start":2.0,"end":4.4,"text":"The harbour lights.","avg_logprob":-0.3,"no_speech_prob":0.01},
                     {"id":1,"seek":0,"start":6.0,"end":7.5,"text":"Bring the bag.","avg_logprob":-0.1,"no_speech_prob":0.01}]}
        """;

    [Test]
    public void Parse_SegmentsWithScoredWords_KeepsWordsTimesAndMeanWordProbability()
    {
        var phrases = OpenAiTranscriptionParser.Parse(SegmentsWithWords, 12, Server);

        phrases.Count.ShouldBe(2);
        phrases[0].Text.ShouldBe("The harbour lights.");
        phrases[0].Words.Select(w => w.Word).ShouldBe(["The", "harbour", "lights."]);
        phrases[0].Words[1].ShouldBe(new TranscriptWord("harbour", 2.3, 3.0, 0.8));
        phrases[0].Confidence!.Value.ShouldBe(0.8, 1e-9);
        (phrases[1].Start, phrases[1].End).ShouldBe((6.0, 7.5));
    }

    [Test]
    public void Parse_WordsBesideSegments_PutsEachWordInItsSegmentAndScoresFromAvgLogprob()
    {
        var phrases = OpenAiTranscriptionParser.Parse(WordsBesideSegments, 12, Server);

        phrases.Select(p => p.Words.Count).ShouldBe([3, 3]);
        phrases[1].Words[0].Word.ShouldBe("Bring");
        phrases[0].Confidence!.Value.ShouldBe(Math.Exp(-0.3), 1e-9);
        phrases[0].Words[0].Confidence.ShouldBe(Math.Exp(-0.3), 1e-9);
    }

    [Test]
    public void Parse_WordsOnly_MakesPhrasesAtPausesAndSentenceEnds()
    {
        const string json = """
            {"text":"The harbour lights. Bring the bag","words":[
             {"word":"The","start":2.0,"end":2.3},{"word":"harbour","start":2.3,"end":3.0},{"word":"lights.","start":3.0,"end":3.4},
             {"word":"Bring","start":3.5,"end":3.8},{"word":"the","start":3.8,"end":3.9},{"word":"bag","start":6.0,"end":6.4}]}
            """;

        var phrases = OpenAiTranscriptionParser.Parse(json, 10, Server);

        phrases.Select(p => p.Text).ShouldBe(["The harbour lights.", "Bring the", "bag"]);
        phrases[0].Confidence.ShouldBeNull();
    }

    [Test]
    public void Parse_ASegmentWhisperMarksAsNoSpeech_IsDropped()
    {
        const string json = """
            {"text":" Thank you.","segments":[{"start":0.0,"end":2.0,"text":" Thank you.","avg_logprob":-1.4,"no_speech_prob":0.92}]}
            """;

        OpenAiTranscriptionParser.Parse(json, 30, Server).ShouldBeEmpty();
    }

    [Test]
    public void Parse_NothingSaid_IsAnEmptyTranscript() =>
        OpenAiTranscriptionParser.Parse("""{"text":"","segments":[]}""", 30, Server).ShouldBeEmpty();

    [TestCase("<html><body>502 Bad Gateway</body></html>", "not JSON")]
    [TestCase("", "not JSON")]
    [TestCase("[1,2,3]", "a JSON array")]
    [TestCase("""{"status":"ok"}""", "without \"text\", \"segments\" or \"words\"")]
    [TestCase("""{"text":"hello there"}""", "text without any timings")]
    [TestCase("""{"error":{"message":"model not loaded"}}""", "model not loaded")]
    [TestCase("""{"text":"x","segments":[{"start":1.0,"text":"x"}]}""", "segments[0] without a numeric \"end\"")]
    [TestCase("""{"text":"x","segments":[{"start":"1","end":2,"text":"x"}]}""", "without a numeric \"start\"")]
    [TestCase("""{"text":"x","segments":[{"start":41.0,"end":42.0,"text":"x"}]}""", "start of 41 s, outside the 30 s of audio")]
    [TestCase("""{"text":"x","segments":[{"start":1,"end":2,"text":"x","words":[{"start":1,"end":2}]}]}""", "without its \"word\"")]
    [TestCase("""{"text":"x","segments":{"start":1}}""", "\"segments\" that is not a list")]
    public void Parse_Garbage_IsRefusedWithAMessageNamingTheServer(string body, string expected)
    {
        var ex = Should.Throw<SpeechEngineException>(() => OpenAiTranscriptionParser.Parse(body, 30, Server));

        ex.Message.ShouldContain($"The speech server at {Server} answered");
        ex.Message.ShouldContain(expected);
    }
}
