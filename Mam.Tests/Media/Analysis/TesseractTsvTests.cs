using Mam.Media.Analysis.Text;

namespace Mam.Tests.Media.Analysis;

[TestFixture]
public sealed class TesseractTsvTests
{
    // What `tesseract frame.pgm stdout --psm 11 tsv` printed for a frame with a lower third over a
    // photo (trimmed): the super reads at ~96, the picture's texture as junk below ~71.
    private const string LowerThirdOverPhoto =
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
        "1\t1\t0\t0\t0\t0\t0\t0\t1280\t720\t-1\t\n" +
        "2\t1\t1\t0\t0\t0\t410\t14\t133\t31\t-1\t\n" +
        "5\t1\t1\t1\t1\t1\t410\t14\t26\t31\t70.121422\t¥\n" +
        "5\t1\t1\t1\t1\t2\t480\t14\t63\t31\t46.238831\tKy\n" +
        "5\t1\t2\t1\t1\t1\t605\t40\t40\t22\t70.313232\tKK\n" +
        "5\t1\t2\t1\t1\t2\t650\t40\t12\t22\t34.572739\tx\n" +
        "5\t1\t8\t1\t1\t1\t96\t588\t155\t33\t96.533249\tGRACE\n" +
        "5\t1\t8\t1\t1\t2\t266\t588\t180\t33\t96.936211\tHOPPER\n" +
        "5\t1\t9\t1\t1\t1\t900\t600\t40\t20\t54.694489\toak.\n" +
        "5\t1\t10\t1\t1\t1\t950\t610\t10\t20\t93.1\t|\n" +
        "5\t1\t11\t1\t1\t1\t970\t610\t10\t20\t91.0\ta\n";

    [Test]
    public void Parse_KeepsTheConfidentTextAndDropsThePicturesTexture()
    {
        var page = TesseractTsv.Parse(LowerThirdOverPhoto, minConfidence: 75);

        var line = page.Lines.ShouldHaveSingleItem();
        line.Text.ShouldBe("GRACE HOPPER");
        line.Confidence.ShouldBe(96.7, 0.1);
        line.Words[0].Left.ShouldBe(96);
        line.Words[0].Top.ShouldBe(588);
    }

    [Test]
    public void Parse_KeepsASingleDigitThatBelongsToALine()
    {
        var tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
                  "5\t1\t1\t1\t1\t1\t10\t10\t50\t40\t96.5\tSCENE\n" +
                  "5\t1\t1\t1\t1\t2\t70\t10\t30\t40\t96.4\t12\n" +
                  "5\t1\t1\t1\t1\t3\t110\t10\t50\t40\t96.2\tTAKE\n" +
                  "5\t1\t1\t1\t1\t4\t170\t10\t20\t40\t96.7\t3\n" +
                  "5\t1\t2\t1\t1\t1\t500\t300\t20\t40\t96.7\t7\n";

        var page = TesseractTsv.Parse(tsv, minConfidence: 75);

        page.Lines.ShouldHaveSingleItem().Text.ShouldBe("SCENE 12 TAKE 3", "a lone digit elsewhere is no text");
    }

    [TestCase("")]
    [TestCase("level\tpage_num\n")]
    [TestCase("garbage without tabs\n")]
    public void Parse_OfNothingUseful_GivesAnEmptyPage(string tsv) =>
        TesseractTsv.Parse(tsv, 75).Lines.ShouldBeEmpty();
}
