using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>Puts what a confirmed purchase read back from the meter (its count and remaining amount) into the meter's
/// live state, inside the caller's transaction.</summary>
internal static class PurchaseReadBacks
{
    /// <summary>
    /// Writes the read-back of <paramref name="command"/> into the live state unless the state already shows that count
    /// (a reading taken after the purchase, which also holds the consumption since, is newer than the read-back). Returns
    /// the state written, or null when there was nothing to write. Purchases to a meter run one at a time, oldest first,
    /// so the state never holds a later purchase's count here.
    /// </summary>
    public static async Task<MeterLiveState?> WriteAsync(PrepaidDb db, MeterCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (MeterCommandRunner.ReadBackOf(command) is not { } readBack)
        {
            return null;
        }

        var state = await db.MeterLiveStates.SingleOrDefaultAsync(s => s.MeterId == command.MeterId, cancellationToken);
        if (state is null || state.PurchaseCount == readBack.Count)
        {
            return null;
        }

        state.RemainingYuan = readBack.Remaining;
        state.PurchaseCount = readBack.Count;
        state.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return state;
    }
}
