using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Activity;

/// <summary>Wakes this process's live pages and webhook sender when an event is saved here. Other
/// processes' events are found by looking every few seconds (the rows are the truth; this only
/// shortens the wait).</summary>
public sealed class ActivitySignal
{
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when an event is written in this process (take it before reading, so an event
    /// written between the read and the wait still wakes the reader).</summary>
    public Task Written => Volatile.Read(ref _written).Task;

    /// <summary>Wakes the waiters now.</summary>
    public void Nudge() => Interlocked.Exchange(ref _written, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void WakeAfterSaving(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.SavedChanges -= Wake;
        db.SavedChanges += Wake;
    }

    private void Wake(object? sender, SavedChangesEventArgs e) => Nudge();
}
