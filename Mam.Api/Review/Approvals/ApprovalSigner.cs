using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Approvals;

/// <summary>Signs approval certificates as compact JWS with RS256 (RSA 3072, SHA-256): the one signature
/// scheme `openssl dgst -sha256 -verify` checks as it stands, so anyone can verify a certificate offline
/// with the published public key and nothing of ours (README, "Approvals"). The key is made on first
/// use and kept in the catalog, its private half encrypted with the server's data-protection keys.</summary>
public sealed class ApprovalSigner(IDbContextFactory<CatalogDbContext> catalog, IDataProtectionProvider protection, TimeProvider clock) : IDisposable
{
    private const string Purpose = "Mam.Review.ApprovalSigningKey";
    private readonly SemaphoreSlim _making = new(1, 1);

    public async Task<string> SignAsync(JsonObject claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var key = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(protection.CreateProtector(Purpose).Unprotect(key.ProtectedPrivateKey));
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "mam-approval+jws", ["kid"] = key.Id };
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    /// <summary>Every key that ever signed, newest first: a certificate stays verifiable after the key changes.</summary>
    public async Task<IReadOnlyList<SigningKey>> KeysAsync(CancellationToken cancellationToken)
    {
        await CurrentAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The public key (PEM) of the key <paramref name="kid"/>, retired keys included; null when
    /// there is no such key. One row read, and no key made: asking for a key never creates one.</summary>
    public async Task<string?> PublicKeyPemAsync(string? kid, CancellationToken cancellationToken)
    {
        if (kid is null)
        {
            return null;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.SigningKeys.AsNoTracking().Where(k => k.Id == kid).Select(k => k.PublicKeyPem).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a certificate against the key it names; null when it verifies, else why not.</summary>
    public async Task<string?> VerifyAsync(string certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var parts = certificate.Split('.');
        if (parts.Length != 3)
        {
            return "not a compact JWS";
        }
        var header = JsonNode.Parse(FromBase64Url(parts[0]));
        var kid = header?["kid"]?.GetValue<string>();
        if (await PublicKeyPemAsync(kid, cancellationToken).ConfigureAwait(false) is not { } pem)
        {
            return $"signed by an unknown key ({kid})";
        }
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? null
            : "the signature does not match: the certificate was changed after it was signed";
    }

    private async Task<SigningKey> CurrentAsync(CancellationToken cancellationToken)
    {
        await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }
        }
        await _making.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } made)
            {
                return made;
            }
            using var rsa = RSA.Create(3072);
            var publicPem = rsa.ExportSubjectPublicKeyInfoPem();
            var key = new SigningKey
            {
                Id = Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..32],
                PublicKeyPem = publicPem,
                ProtectedPrivateKey = protection.CreateProtector(Purpose).Protect(rsa.ExportPkcs8PrivateKeyPem()),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.SigningKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return key;
        }
        finally
        {
            _making.Release();
        }
    }

    public void Dispose() => _making.Dispose();

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    /// <summary>The id of the key a certificate names in its header.</summary>
    public static string KeyIdOf(string certificate) =>
        JsonDocument.Parse(FromBase64Url(certificate.Split('.')[0])).RootElement.GetProperty("kid").GetString() ?? "";

    /// <summary>The claims of a certificate, unverified (for showing).</summary>
    public static JsonElement Claims(string certificate) =>
        JsonDocument.Parse(FromBase64Url(certificate.Split('.')[1])).RootElement.Clone();
}
