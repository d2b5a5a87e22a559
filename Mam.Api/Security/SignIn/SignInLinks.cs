using System.Security.Cryptography;
using Mam.Api.Security.Tokens;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.SignIn;

/// <summary>One-time sign-in links: the code is shown once, only its hash is kept, and redeeming it
/// is one conditional update, so two clicks on the same link cannot both sign in.</summary>
public sealed class SignInLinks(CatalogDbContext db, TimeProvider clock)
{
    public const string Path = "/signin/link";

    public async Task<string> CreateAsync(Guid personId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.SignInLinks.Add(new SignInLink { Id = Guid.NewGuid(), PersonId = personId, CodeHash = AccessTokens.Hash(code), ExpiresAt = clock.GetUtcNow().UtcDateTime + lifetime });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return $"{Path}?code={code}";
    }

    /// <returns>The person the link signs in, or null when it is unknown, used or expired.</returns>
    public async Task<Guid?> RedeemAsync(string code, CancellationToken cancellationToken)
    {
        var hash = AccessTokens.Hash(code);
        var now = clock.GetUtcNow().UtcDateTime;
        var link = await db.SignInLinks.AsNoTracking().SingleOrDefaultAsync(l => l.CodeHash == hash, cancellationToken).ConfigureAwait(false);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now)
        {
            return null;
        }
        var taken = await db.SignInLinks.Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken).ConfigureAwait(false);
        return taken == 1 ? link.PersonId : null;
    }
}
