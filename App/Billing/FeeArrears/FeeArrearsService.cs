using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;

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
        var candidates = await FeeArrearsCandidates.LoadAsync(factory, ledger, cancellationToken);
        _accounts = candidates.MeterBilled;
        foreach (var accountId in candidates.Due)
        {
            _queue.Enqueue(accountId);
        }

        return candidates.Due.Count;
    }
}
