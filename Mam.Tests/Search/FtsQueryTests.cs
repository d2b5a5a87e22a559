using Mam.Search;
using Mam.Search.Sqlite;

namespace Mam.Tests.Search;

[TestFixture]
public sealed class FtsQueryTests
{
    [TestCase("harbour", "\"harbour\"")]
    [TestCase("harbour boat", "\"harbour\" AND \"boat\"")]
    [TestCase("\"the boat came home\"", "\"the boat came home\"")]
    [TestCase("harb*", "\"harb\"*")]
    [TestCase("\"the boat ca*\"", "\"the boat ca\"*")]
    [TestCase("boat OR ship", "(\"boat\" OR \"ship\")")]
    [TestCase("harbour boat OR ship", "\"harbour\" AND (\"boat\" OR \"ship\")")]
    [TestCase("harbour -storm", "(\"harbour\") NOT (\"storm\")")]
    [TestCase("harbour NOT storm -\"high tide\"", "(\"harbour\") NOT (\"storm\" OR \"high tide\")")]
    [TestCase("harbour AND boat", "\"harbour\" AND \"boat\"")]
    [TestCase("to be or not to be", "\"to\" AND \"be\" AND \"or\" AND \"not\" AND \"to\" AND \"be\"")]
    public void ToMatchExpression_UnderstandsSearchBoxSyntax(string typed, string expected)
    {
        FtsQuery.ToMatchExpression(typed).ShouldBe(expected);
    }

    [TestCase("col:word", "\"col:word\"")]
    [TestCase("NEAR(a b)", "\"NEAR(a\" AND \"b)\"")]
    [TestCase("harbour AND (", "\"harbour\"")]
    [TestCase("^harbour", "\"^harbour\"")]
    [TestCase("\"unbalanced", "\"unbalanced\"")]
    [TestCase("'; DROP TABLE x; --", "\"DROP\" AND \"TABLE\" AND \"x;\"")]
    [TestCase("harbour OR", "\"harbour\"")]
    public void ToMatchExpression_TurnsFtsSyntaxIntoQuotedText(string typed, string expected)
    {
        FtsQuery.ToMatchExpression(typed).ShouldBe(expected);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" * ^ ( ) ")]
    public void ToMatchExpression_WithoutAWord_Throws(string? typed)
    {
        Should.Throw<SearchQueryException>(() => FtsQuery.ToMatchExpression(typed))
            .Message.ShouldBe(FtsQuery.NoTermsMessage);
    }

    [Test]
    public void ToMatchExpression_AtTheLengthLimit_IsAccepted_AndOneMoreCharacterIsRejected()
    {
        var atLimit = new string('a', FtsQuery.MaxQueryLength);

        FtsQuery.ToMatchExpression(atLimit).ShouldBe($"\"{atLimit}\"");
        Should.Throw<SearchQueryException>(() => FtsQuery.ToMatchExpression(atLimit + "a"));
    }
}
