using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.FeeArrears;

/// <summary>
/// Runs the fee-arrears rule in the background: every period over the meter-billed accounts that owe something or
/// are tripped for fees (the grace period ends by the clock, not by an event), and at once when such an account's
/// ledger moves, so a payment that settles the fees restores the supply without waiting for the next period.
/// </summary>
public sealed class FeeArrearsService(
    IDbContextFactory<PrepaidDb> factory,
    FeeArrearsEvaluator evaluator,
    LedgerService ledger,
    LedgerNotifier ledgerNotifier,
    IOptions<FeeArrearsOptions> options,
    TimeProvider time,
    ILogger<FeeArrearsService> logger,
    StartGate startGate) : BackgroundService
{
    private readonly UniqueWorkQueue<int> _queue = new("Fee arrears", time, logger);
    private volatile IReadOnlySet<int> _accounts = new HashSet<int>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startGate.WaitAsync(StartStage.PastWritten, stoppingToken);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var subscription = ledgerNotifier.Subscribe(change =>
        {
            if (_accounts.Contains(change.AccountId))
            {
                _queue.Enqueue(change.AccountId);
            }
        });
        await Task.WhenAll(
            new GuardedLoop("Fee arrears tick", time, logger).RunAsync(TickAsync, settings.Period, stoppingToken),
            _queue.RunAsync(2, async (accountId, ct) => await evaluator.EvaluateAsync(accountId, ct), stoppingToken));
    }

    /// <summary>Queues the accounts the rule has something to say about; returns how many.</summary>
    internal async Task<int> TickAsync(CancellationToken cancellationToken)
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

        _accounts = accounts;
        var owing = (await ledger.BalancesAsync(accounts, cancellationToken)).Where(b => b.Value < 0).Select(b => b.Key);
        var due = owing.Concat(tripped).Distinct().ToList();
        foreach (var accountId in due)
        {
            _queue.Enqueue(accountId);
        }

        return due.Count;
    }
}
