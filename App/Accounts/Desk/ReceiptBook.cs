using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Desk;

/// <summary>
/// Receipt numbers: R + site-local day + a sequence from 0001 that has no gaps. The next number is taken inside the
/// ledger post's transaction (so a refused or failed recharge takes none) while the book's gate is held (so two
/// recharges on different accounts cannot take the same one); the unique (day, sequence) index is the last guard.
/// The gate is also held by the day-end close, so a close sees every receipt of the day.
/// </summary>
public sealed class ReceiptBook
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    public static string Format(DateOnly day, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"R{day:yyyyMMdd}-{sequence:0000}");

    /// <summary>Adds the receipt of <paramref name="entry"/> to the post's context with the day's next number.
    /// Call only while holding the gate.</summary>
    public static async Task<Receipt> AddNextAsync(PrepaidDb db, LedgerEntry entry, string orderKey, TimeZoneInfo zone, CancellationToken cancellationToken,
        decimal? chosenWaterAmount = null)
    {
        var day = SiteTime.Today(entry.OccurredAt, zone);
        var last = await db.Receipts.Where(r => r.Day == day).MaxAsync(r => (int?)r.Sequence, cancellationToken) ?? 0;
        var receipt = new Receipt
        {
            Number = Format(day, last + 1),
            Day = day,
            Sequence = last + 1,
            AccountId = entry.AccountId,
            Amount = entry.Amount,
            Method = entry.PaymentMethod!.Value,
            OrderKey = orderKey,
            LedgerEntryKey = entry.IdempotencyKey,
            IssuedBy = entry.RecordedBy,
            IssuedAt = entry.OccurredAt,
            ChosenWaterAmount = chosenWaterAmount,
        };
        db.Receipts.Add(receipt);
        return receipt;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
