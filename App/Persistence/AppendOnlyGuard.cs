using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence;

/// <summary>
/// Ledger entries, payment settlements, audit entries and the alarm journal are append-only: a correction is a new entry. This guard makes any
/// code path that edits or deletes one fail before it reaches the database.
/// </summary>
internal static class AppendOnlyGuard
{
    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not (LedgerEntry or AuditEntry or AlarmJournalEntry or Entities.PaymentSettlement))
            {
                continue;
            }

            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"{entry.Entity.GetType().Name} rows are append-only; {entry.State} is not allowed. Record a reversal or a new entry instead.");
            }
        }
    }
}
