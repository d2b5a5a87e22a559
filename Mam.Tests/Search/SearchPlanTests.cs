using Mam.Search;

namespace Mam.Tests.Search;

/// <summary>The checks every engine gets for free: what is refused, and how filters are cleaned.</summary>
[TestFixture]
public sealed class SearchPlanTests
{
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("* ^ ( )")]
    public void For_WithNothingToSearchForAndNoFilter_AsksForAWord(string typed)
    {
        Should.Throw<SearchQueryException>(() => SearchPlan.For(new SearchRequest(typed)))
            .Message.ShouldBe(UserQuery.NoTermsMessage);
    }

    [TestCase("")]
    [TestCase("* ^ ( )")]
    public void For_WithNothingToSearchForButAFilter_IsABrowse(string typed)
    {
        SearchPlan.For(new SearchRequest(typed) { Filter = new SearchFilter { Camera = "A" } }).IsBrowse.ShouldBeTrue();
    }

    [Test]
    public void For_WithOnlyExclusionsAndAFilter_StillRefuses()
    {
        Should.Throw<SearchQueryException>(() => SearchPlan.For(new SearchRequest("-storm") { Filter = new SearchFilter { Camera = "A" } }))
            .Message.ShouldContain("cannot only exclude");
    }

    [Test]
    public void For_CleansFilterValues_BlankMeansNotSet()
    {
        var plan = SearchPlan.For(new SearchRequest("harbour")
        {
            Filter = new SearchFilter { Project = "  Harbour Film ", Card = "", Camera = "\u0000A", Tags = ["person", " person ", "", "car"], QcStatus = " Pass " },
        });

        plan.Filter.Project.ShouldBe("Harbour Film");
        plan.Filter.Card.ShouldBeNull();
        plan.Filter.Camera.ShouldBe("A");
        plan.Filter.Tags.ShouldBe(["person", "car"]);
        plan.Filter.QcStatus.ShouldBe("pass");
    }

    [Test]
    public void For_WithUnknownQcStatus_NamesTheAllowedOnes()
    {
        Should.Throw<SearchQueryException>(() => SearchPlan.For(new SearchRequest("x") { Filter = new SearchFilter { QcStatus = "great" } }))
            .Message.ShouldContain("pass, warning, fail");
    }

    [Test]
    public void For_WithFromAfterTo_SaysTheRangeIsEmpty()
    {
        var filter = new SearchFilter { RecordedFrom = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc), RecordedBefore = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc) };

        Should.Throw<SearchQueryException>(() => SearchPlan.For(new SearchRequest("x") { Filter = filter })).Message.ShouldContain("'from' must be before 'to'");
    }

    [Test]
    public void For_WithTooManyTagsOrAHugeValue_Refuses()
    {
        var tags = Enumerable.Range(0, SearchPlan.MaxTags + 1).Select(i => $"tag{i}").ToList();

        Should.Throw<SearchQueryException>(() => SearchPlan.For(new SearchRequest("x") { Filter = new SearchFilter { Tags = tags } }));
        Should.Throw<SearchQueryException>(() => SearchPlan.For(new SearchRequest("x") { Filter = new SearchFilter { Project = new string('p', 10_000) } }))
            .Message.ShouldContain("too long");
    }

    [TestCase(0)]
    [TestCase(SearchLimits.MaxLimit + 1)]
    public void For_WithOutOfRangeLimit_Refuses(int limit)
    {
        Should.Throw<SearchQueryException>(() => SearchPlan.For(new SearchRequest("harbour", limit)));
    }
}
