using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mam.Catalog;
using Mam.Storage;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Workers;

/// <summary>The fingerprint stage through the real pipeline (embedded API and workers, folder store):
/// the stored original's SHA-256 is recorded and approval certificates carry it beside the on-set
/// xxh64; a stored original whose bytes are no longer the on-set file fails the stage, saying so, and
/// its recorded hashes stay as they were.</summary>
[TestFixture]
[Category("Media")]
public sealed class FingerprintStageTests : TempFolderTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Test]
    public async Task AClipsStoredOriginal_GetsItsSha256_AndAnApprovalCertificateNamesItBesideTheOnSetXxh64()
    {
        var clip = await TestMedia.MakeClipAsync(Temp.Path, "A003C001.mov", 2, CancellationToken.None);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(clip)));
        using var pipeline = new TranscribePipeline();
        var id = await pipeline.RegisterClipAsync(clip);

        var stage = await WaitForStageAsync(pipeline, id, "fingerprint");

        stage.GetProperty("status").GetString().ShouldBe("done", stage.ToString());
        stage.GetProperty("note").GetString()!.ShouldStartWith($"SHA-256 {sha256}; the stored bytes are the on-set original (xxh64 ");
        var approved = await pipeline.Client.PostAsJsonAsync($"/api/assets/{id}/approvals", new { decision = "approved" });
        approved.StatusCode.ShouldBe(HttpStatusCode.Created, await approved.Content.ReadAsStringAsync());
        var approval = await approved.Content.ReadFromJsonAsync<JsonElement>();
        approval.GetProperty("masterSha256").GetString().ShouldBe(sha256);
        var check = await pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/approvals/{approval.GetProperty("id").GetGuid()}/check");
        check.GetProperty("claims").GetProperty("master").GetProperty("sha256").GetString().ShouldBe(sha256);
        check.GetProperty("signatureValid").GetBoolean().ShouldBeTrue();
    }

    [Test]
    public async Task AStoredOriginalThatRotted_FailsTheStageNamingBothHashes_AndKeepsTheRecordedSha256()
    {
        var clip = await TestMedia.MakeClipAsync(Temp.Path, "A003C002.mov", 2, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(clip);
        using var pipeline = new TranscribePipeline();
        var id = await pipeline.RegisterClipAsync(clip);
        (await WaitForStageAsync(pipeline, id, "fingerprint")).GetProperty("status").GetString().ShouldBe("done");
        var services = pipeline.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        var file = await db.CardFiles.AsNoTracking().SingleAsync(f => f.AssetId == id);
        var recorded = file.OtherHashes["sha256"];
        // One bit flips in the store, as a failing disk does it.
        var path = services.GetRequiredService<IObjectStore>().TryGetLocalPath(file.StorageKey)!;
        bytes[bytes.Length / 2] ^= 0x10;
        await File.WriteAllBytesAsync(path, bytes);

        var rerun = await pipeline.Client.PostAsJsonAsync("/api/pipeline/reruns", new { asset = id, stages = new[] { "fingerprint" }, reason = "check the store" });
        rerun.StatusCode.ShouldBe(HttpStatusCode.OK, await rerun.Content.ReadAsStringAsync()); // one clip: re-run at once
        var stage = await WaitForStageAsync(pipeline, id, "fingerprint", notBefore: DateTime.UtcNow);

        stage.GetProperty("status").GetString().ShouldBe("failed", stage.ToString());
        var error = stage.GetProperty("lastError").GetString()!;
        error.ShouldContain("The stored original is not the file copied on set: its xxh64 is ");
        error.ShouldContain($", the card's is {file.Xxh64}. Restore it from another copy");
        await using var after = await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        (await after.CardFiles.AsNoTracking().SingleAsync(f => f.AssetId == id)).OtherHashes["sha256"].ShouldBe(recorded);
    }

    private static async Task<JsonElement> WaitForStageAsync(TranscribePipeline pipeline, Guid id, string name, DateTime? notBefore = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement stage;
        do
        {
            var asset = await pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/assets/{id}");
            stage = TranscribePipeline.Stage(asset, name);
            var settled = stage.GetProperty("status").GetString() is not ("pending" or "running");
            var fresh = notBefore is null || stage.TryGetProperty("finishedAt", out var at) && at.ValueKind == JsonValueKind.String && at.GetDateTime().ToUniversalTime() >= notBefore.Value.AddSeconds(-1);
            if (settled && fresh)
            {
                return stage;
            }
            await Task.Delay(300);
        }
        while (DateTime.UtcNow < deadline);
        return stage;
    }
}
