using Prepaid.Domain.Model;

namespace Prepaid.Domain.Billing;

/// <summary>The money one meter that bills itself holds, as last read back.</summary>
/// <param name="MeterId">The meter.</param>
/// <param name="Name">Its name, for people.</param>
/// <param name="Kind">Electricity or water.</param>
/// <param name="Remaining">Its remaining amount in yuan as last read; null when it was never read.</param>
/// <param name="ReadAt">When that amount was read; null with <paramref name="Remaining"/>.</param>
/// <param name="InTransit">Yuan already taken from the ledger for this meter and not yet confirmed in it.</param>
public sealed record MeterMoney(int MeterId, string Name, MeterKind Kind, decimal? Remaining, DateTimeOffset? ReadAt, decimal InTransit);

/// <summary>
/// One shop account's money as a cashier and a tenant understand it: what each meter holds, what is owed and what
/// is available. See Domain/Billing/README.md, "Money picture and payment waterfall".
/// </summary>
/// <remarks>
/// Under meter billing the ledger is the money the platform holds for the account: payments in, fees and shares
/// out, and every amount sent to a meter out (a <see cref="LedgerEntryKind.MeterPurchase"/>). The meters hold the
/// rest. A negative ledger balance is therefore money owed, never a "balance"; a positive one is money paid and
/// not (yet) sent to a meter. Under platform billing there are no meter amounts and the ledger is everything.
/// </remarks>
/// <param name="Meters">The account's meters that bill themselves (empty under platform billing).</param>
/// <param name="Ledger">The ledger balance (the sum of the account's entries).</param>
public sealed record MoneyPicture(IReadOnlyList<MeterMoney> Meters, decimal Ledger)
{
    /// <summary>Fees, shares and other charges not yet paid: the negative part of the ledger.</summary>
    public decimal Owed => Math.Max(0m, -Ledger);

    /// <summary>Money paid and held by the platform, not in any meter.</summary>
    public decimal Held => Math.Max(0m, Ledger);

    /// <summary>True when every meter has been read, so <see cref="InMeters"/> is a whole figure.</summary>
    public bool Complete => Meters.All(m => m.Remaining is not null);

    /// <summary>What the meters hold, with what is on its way to them; the unread meters count as nothing.</summary>
    public decimal InMeters => Meters.Sum(m => (m.Remaining ?? 0m) + m.InTransit);

    /// <summary>What the shop can still spend: the meters' money plus the ledger (less when fees are owed).</summary>
    public decimal Available => InMeters + Ledger;

    /// <summary>The oldest read time among the meters, for "as of"; null with no meter read.</summary>
    public DateTimeOffset? OldestReadAt => Meters.Where(m => m.ReadAt is not null).Select(m => m.ReadAt).Min();
}
