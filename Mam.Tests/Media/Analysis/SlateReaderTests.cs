using Mam.Media.Analysis.Text;

namespace Mam.Tests.Media.Analysis;

[TestFixture]
public sealed class SlateReaderTests
{
    [TestCase("SCENE 12 TAKE 3", "scene 12 take 3")]
    [TestCase("SC 4A TK 2", "scene 4A take 2")]
    [TestCase("Sc. 23b Tk. 04", "scene 23B take 4")]
    [TestCase("SCENE: 012 TAKE: 1", "scene 12 take 1")]
    [TestCase("SC4A TK2", "scene 4A take 2")]
    public void Read_OfAnInlineSlate_GivesSceneAndTakeInAnEditorsWords(string text, string label)
    {
        var slate = SlateReader.Read(Page(text));

        slate.ShouldNotBeNull();
        slate.Label.ShouldBe(label);
        slate.RawText.ShouldBe(text);
    }

    [Test]
    public void Read_WhenTheRollIsWritten_KeepsItInTheDetailWithTheRawText()
    {
        var slate = SlateReader.Read(Page("PROD THE HARBOUR", "ROLL A012 SCENE 7 TAKE 11"))!;

        slate.Label.ShouldBe("scene 7 take 11");
        slate.Roll.ShouldBe("A012");
        slate.Detail.ShouldBe("roll A012 · PROD THE HARBOUR / ROLL A012 SCENE 7 TAKE 11");
    }

    [Test]
    public void Read_OfAGridSlate_TakesEachValueFromUnderItsHeading()
    {
        // ROLL   SCENE   TAKE      (headings, y = 100)
        // A012   12      3         (values,   y = 180)
        var page = new OcrPage(
        [
            new OcrLine([Word("ROLL", 100, 100), Word("SCENE", 400, 100), Word("TAKE", 700, 100)]),
            new OcrLine([Word("A012", 95, 180), Word("12", 420, 180), Word("3", 720, 180)]),
        ]);

        var slate = SlateReader.Read(page)!;

        slate.Label.ShouldBe("scene 12 take 3");
        slate.Roll.ShouldBe("A012");
    }

    [TestCase("BEHIND THE SCENE")]
    [TestCase("TAKE CARE")]
    [TestCase("SCENE 12")]
    [TestCase("DISC 4 TRACK 2")]
    public void Read_OfTextThatIsNotASlate_FindsNone(string text) =>
        SlateReader.Read(Page(text)).ShouldBeNull();

    private static OcrPage Page(params string[] lines) =>
        new(lines.Select((line, i) => new OcrLine(line.Split(' ').Select((w, j) => Word(w, j * 100, i * 80)).ToList())).ToList());

    private static OcrWord Word(string text, int left, int top) => new(text, 95, left, top, 30 * text.Length, 40);
}
