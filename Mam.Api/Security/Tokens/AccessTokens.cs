using System.Security.Cryptography;
using System.Text;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.People;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Security.Tokens;

/// <summary>Makes and finds personal access tokens. A token is `mam_` and 43 characters of random
/// base64url (256 bits); the catalog keeps only its SHA-256, so a stolen catalog holds no usable token
/// (a slow password hash would buy nothing for a secret this long, and would cost every request).</summary>
public sealed class AccessTokens(IDbContextFactory<CatalogDbContext> catalog, AccessCache cache, TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTime> _lastUseWritten = new();

    public const string Prefix = "mam_";

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <returns>The token as stored, and its secret — which is never shown again.</returns>
    public async Task<(AccessToken Token, string Secret)> CreateAsync(
        Guid personId, string name, Guid? projectId, ProjectRole? role, TimeSpan lifetime, CancellationToken cancellationToken, string? secret = null)
    {
        secret ??= NewSecret();
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new AccessToken
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Name = name,
            SecretHash = Hash(secret),
            ProjectId = projectId,
            Role = role,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (token, secret);
    }

    /// <returns>The token and why it is refused (null when it is good).</returns>
    public async Task<(TokenGrant? Token, string? Refusal)> FindAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = Hash(secret);
        var token = await cache.GetAsync("token:" + hash, () => LoadAsync(hash, cancellationToken)).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null)
        {
            return (null, "The access token is not known to this server.");
        }
        if (token.RevokedAt is not null)
        {
            return (token, $"The access token '{token.Name}' was revoked.");
        }
        if (token.ExpiresAt <= now)
        {
            return (token, $"The access token '{token.Name}' expired on {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        }
        // Last use is worth knowing (which tokens are idle) but not a write per request.
        if (_lastUseWritten.GetValueOrDefault(token.Id, token.LastUsedAt ?? DateTime.MinValue) < now - TimeSpan.FromMinutes(5))
        {
            _lastUseWritten[token.Id] = now;
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
        }
        return (token, null);
    }

    private async Task<TokenGrant?> LoadAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.AccessTokens.AsNoTracking().Where(t => t.SecretHash == hash)
            .Select(t => new TokenGrant(t.Id, t.PersonId, t.Name, t.Person!.DisplayName, t.ProjectId, t.Role, t.ExpiresAt, t.RevokedAt, t.LastUsedAt))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a token grants, as read from the catalog (never its secret or hash).</summary>
public sealed record TokenGrant(Guid Id, Guid PersonId, string Name, string PersonName, Guid? ProjectId, ProjectRole? Role, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);
