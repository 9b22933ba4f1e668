using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.FeeArrears;

/// <summary>The accounts with a self-billing meter, and of them those the fee-arrears rule has something to say about.</summary>
/// <param name="MeterBilled">Every account with a meter that bills itself.</param>
/// <param name="Due">Those that owe something (ledger below zero) or have a meter tripped for fees.</param>
public sealed record FeeArrearsCandidates(IReadOnlySet<int> MeterBilled, IReadOnlyList<int> Due)
{
    /// <summary>Reads them from the database (one query for the accounts, one for the trips, one for the balances).</summary>
    public static async Task<FeeArrearsCandidates> LoadAsync(IDbContextFactory<PrepaidDb> factory, LedgerService ledger, CancellationToken cancellationToken)
    {
        HashSet<int> accounts, tripped;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            accounts = (await db.Meters.AsNoTracking().Where(m => m.BillingMode == BillingMode.Meter && m.AccountId != null)
                .Select(m => m.AccountId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            tripped = (await (from r in db.RelayPolicyRecords
                              where r.TripCause == TripCause.FeeArrears
                              join m in db.Meters on r.MeterId equals m.Id
                              where m.AccountId != null
                              select m.AccountId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        }

        var owing = (await ledger.BalancesAsync(accounts, cancellationToken)).Where(b => b.Value < 0).Select(b => b.Key);
        return new FeeArrearsCandidates(accounts, [.. owing.Concat(tripped).Distinct().Order()]);
    }
}
