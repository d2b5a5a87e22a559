using Mam.Catalog.Entities.People;
using Mam.Tests.Support;

namespace Mam.Tests.Api.Review.Shares;

/// <summary>What the guest approval and certificate tests start from: the API, a project administrator
/// (lee) who makes the share links, and a work folder for certificates checked offline.</summary>
public abstract class ManagerSharing(string workFolder)
{
    protected MamApiFactory Api { get; private set; } = null!;

    protected HttpClient Manager { get; private set; } = null!;

    protected TempFolder Work { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task AManager()
    {
        Api = new MamApiFactory();
        Manager = Api.WithToken(await Api.PersonTokenAsync("lee", (ReviewClips.Project, ProjectRole.Administrator)));
        Work = new TempFolder(workFolder);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        Manager.Dispose();
        Api.Dispose();
        Work.Dispose();
    }
}
