using System.Net;
using System.Text;
using Mam.Catalog;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Access;

/// <summary>Credentials are checked before a body is read: a caller without them learns nothing
/// from the body's errors and cannot make the server parse 25 MB first.</summary>
[TestFixture]
public sealed class CredentialsFirstTests
{
    [Test]
    public async Task BadJsonOrAHugeBody_WithoutCredentials_Is401_AndNothingIsWritten()
    {
        await using var api = new MamApiFactory();
        using var nobody = api.CreateAnonymous();

        using var bad = await nobody.PostAsync("/api/cards", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        bad.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("urn:mam:problem:sign-in-required");

        using var huge = await nobody.PostAsync("/api/cards", new ByteArrayContent(new byte[25 * 1024 * 1024]) { Headers = { { "Content-Type", "application/json" } } });
        huge.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var upload = await nobody.PostAsync("/api/uploads", new StringContent("[]", Encoding.UTF8, "application/json"));
        upload.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await using var db = await api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        (await db.Cards.CountAsync()).ShouldBe(0);
        (await db.UploadSessions.CountAsync()).ShouldBe(0);
    }
}
