using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Desk;

/// <summary>
/// Refund voucher numbers: V + site-local day + a sequence from 0001, like receipts. The number is assigned once, in
/// the transaction that posts the refund's ledger entry, while the receipt book's gate is held (so two approvals
/// cannot take the same number and a refused refund takes none); the unique index is the last guard.
/// </summary>
public static class RefundVouchers
{
    public static string Format(DateOnly day, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"V{day:yyyyMMdd}-{sequence:0000}");

    /// <summary>Gives request <paramref name="requestId"/> the day's next voucher number in the post's context, unless it
    /// has one. Call only while holding the receipt book's gate, from the ledger post of the refund entry.</summary>
    public static async Task<string> AssignAsync(PrepaidDb db, int requestId, LedgerEntry entry, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var request = await db.RefundRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
        if (request.VoucherNumber is { } existing)
        {
            return existing;
        }

        var day = SiteTime.Today(entry.OccurredAt, zone);
        var prefix = Format(day, 0)[..^4];
        // Fixed-width sequences sort as numbers do, so the largest number of the day is the last one.
        var last = await db.RefundRequests.Where(r => r.VoucherNumber != null && r.VoucherNumber.StartsWith(prefix))
            .MaxAsync(r => r.VoucherNumber, cancellationToken);
        var sequence = last is null ? 1 : int.Parse(last[prefix.Length..], CultureInfo.InvariantCulture) + 1;
        request.VoucherNumber = Format(day, sequence);
        return request.VoucherNumber;
    }
}
