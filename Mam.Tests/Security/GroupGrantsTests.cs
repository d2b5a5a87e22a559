using Mam.Api.Security.SingleSignOn;
using Mam.Catalog.Entities.People;

namespace Mam.Tests.Security;

/// <summary>Security:OpenIdConnect:GroupRoles as an administrator writes it, and what a person's
/// groups then give them.</summary>
[TestFixture]
public sealed class GroupGrantsTests
{
    private static readonly Dictionary<string, string> Mapping = new()
    {
        ["mam-admins"] = "administrator",
        ["ff-viewers"] = "Feature Film:viewer",
        ["ff-editors"] = "Feature Film:Editor",
        ["ff-dit"] = "Feature Film:ingest",
        ["vfx"] = "Shot 12: the return:reviewer",
    };

    [Test]
    public void Groups_GiveTheirRoles_AndUnmappedGroupsGiveNothing()
    {
        var grants = GroupGrants.For(["ff-viewers", "vfx", "marketing"], Mapping);

        grants.IsAdministrator.ShouldBeFalse();
        grants.Projects.Keys.ShouldBe(["Feature Film", "Shot 12: the return"], ignoreOrder: true);
        grants.Projects["Feature Film"].ShouldBe(new GroupGrants.ProjectGrant(ProjectRole.Viewer, "ff-viewers"));
        grants.Projects["Shot 12: the return"].Role.ShouldBe(ProjectRole.Reviewer, "the last colon separates the role");
    }

    [Test]
    public void TwoGroupsNamingOneProject_TheRoleWithMoreRightsWins_InAnyOrder()
    {
        GroupGrants.For(["ff-viewers", "ff-editors"], Mapping).Projects["Feature Film"].Role.ShouldBe(ProjectRole.Editor);
        GroupGrants.For(["ff-editors", "ff-viewers"], Mapping).Projects["Feature Film"].Role.ShouldBe(ProjectRole.Editor);
        GroupGrants.For(["ff-dit", "ff-editors"], Mapping).Projects["Feature Film"].Role.ShouldBe(ProjectRole.Editor, "editor: read, review, operate; ingest: read, ingest");
    }

    [Test]
    public void TheAdministratorGroup_MakesAServerAdministrator()
    {
        var grants = GroupGrants.For(["mam-admins"], Mapping);

        grants.IsAdministrator.ShouldBeTrue();
        grants.Projects.ShouldBeEmpty();
    }

    [TestCase("Feature Film:director", "'director' is not a role; roles are viewer, reviewer, editor, archivist, ingest, administrator.")]
    [TestCase("editor", "'editor' names no project: write \"administrator\" or \"Project name:editor\".")]
    [TestCase(":viewer", "names no project")]
    [TestCase("Feature Film:3", "'3' is not a role")]
    public void AMappingThatCannotWork_SaysWhy(string value, string problem)
    {
        GroupRole.TryParse(value, out var role, out var why).ShouldBeFalse();

        role.ShouldBeNull();
        why.ShouldContain(problem);
    }
}
