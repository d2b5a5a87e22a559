using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mam.Catalog.Upgrades;

/// <summary>Until December 2026 the catalog's migrations were written by hand, four of them, without a
/// model snapshot. Each engine's first generated migration (the baseline) creates the same schema, so
/// a catalog those builds made is adopted rather than re-created: its schema is checked against the
/// baseline's, and the baseline is recorded as applied without running it. Later migrations then
/// apply as usual. The hand-written rows stay in the history; EF ignores ids it does not know.</summary>
public static class HandWrittenMigrations
{
    /// <summary>The hand-written migrations' ids as recorded in __EFMigrationsHistory, oldest first.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        ["20261121000000_InitialCatalog", "20261121010000_UploadSessions", "20261121020000_CardFilesByAsset", "20261121030000_ClipAnalysis"];

    // Any number: it only has to differ from other advisory locks taken on the same database.
    private const long PostgresAdoptionLock = 0x4D414D_0001;

    /// <summary>Adopts a catalog made by the hand-written migrations; does nothing to a new catalog or
    /// one already adopted. Throws <see cref="CatalogUpgradeException"/> (having changed nothing) when
    /// the catalog's history or schema is not what the last hand-written build left.</summary>
    public static async Task AdoptAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var baseline = BaselineId(db);
        var applied = await AppliedAsync(history, cancellationToken).ConfigureAwait(false);
        if (applied.Contains(baseline) || !Ids.Any(applied.Contains))
        {
            return;
        }
        var missing = Ids.Where(id => !applied.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw new CatalogUpgradeException(
                $"The catalog was made by an older build: its history lacks the migration(s) {string.Join(", ", missing)}. " +
                $"Open it once with a build from commit d99a21d up to f751159 (the last with hand-written migrations), which brings it to {Ids[^1]}, " +
                "then start this build again. Nothing was changed.");
        }

        // API and worker hosts may start together; one adopts, the others find the baseline recorded.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresAdoptionLock})", ct).ConfigureAwait(false);
            }
            if ((await AppliedAsync(history, ct).ConfigureAwait(false)).Contains(baseline))
            {
                return;
            }
            var expected = CatalogSchema.FromModel(BaselineModel(db, baseline), namesConstraints: db.Database.IsNpgsql());
            var differences = expected.DifferencesIn(await CatalogSchema.ReadAsync(db, ct).ConfigureAwait(false));
            if (differences.Count > 0)
            {
                throw new CatalogUpgradeException(
                    $"The catalog's schema is not the one the last hand-written migration ({Ids[^1]}) left, so it cannot be adopted " +
                    $"as {baseline}. Nothing was changed. Differences: {string.Join("; ", differences)}");
            }
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<string>> AppliedAsync(IHistoryRepository history, CancellationToken cancellationToken) =>
        (await history.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);

    /// <summary>The engine's first generated migration: the one that reproduces the hand-written schema.</summary>
    private static string BaselineId(CatalogDbContext db) =>
        db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First();

    /// <summary>The model as of the baseline (its Designer file), prepared the way EF prepares a
    /// migration's target model before generating SQL from it.</summary>
    private static IRelationalModel BaselineModel(CatalogDbContext db, string baseline)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var migration = migrations.CreateMigration(migrations.Migrations[baseline], db.Database.ProviderName!);
        var model = migration.TargetModel ?? throw new InvalidOperationException($"Migration {baseline} has no target model (its Designer file is missing).");
        return db.GetService<IModelRuntimeInitializer>().Initialize(model, designTime: true, validationLogger: null).GetRelationalModel();
    }
}
