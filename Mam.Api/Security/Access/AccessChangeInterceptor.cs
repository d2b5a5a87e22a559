using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mam.Api.Security.Access;

/// <summary>Empties the <see cref="AccessCache"/> when a save touches people, their logins, roles,
/// tokens or projects — whoever saves it (an endpoint, Identity changing a password, single sign-on
/// applying groups). A token's last-use time alone changes nothing anyone may do.</summary>
public sealed class AccessChangeInterceptor(AccessCache cache) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Check(eventData);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Check(eventData);
        return base.SavedChanges(eventData, result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    // The entries' states are gone once saved, so whether it matters is decided before the save.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Pending = [];
    private static readonly object Marker = new();

    private static void Remember(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries().Any(Matters))
        {
            Pending.AddOrUpdate(context, Marker);
        }
    }

    private void Check(SaveChangesCompletedEventData eventData)
    {
        if (eventData.Context is { } context && Pending.Remove(context))
        {
            cache.Changed();
        }
    }

    private static bool Matters(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && entry.Entity is Person or ProjectMembership or Project or IdentityUserLogin<Guid> or IdentityUserClaim<Guid>
            or AccessToken
        && !(entry.Entity is AccessToken && entry.State == EntityState.Modified
             && entry.Properties.Where(p => p.IsModified).All(p => p.Metadata.Name == nameof(AccessToken.LastUsedAt)));
}
