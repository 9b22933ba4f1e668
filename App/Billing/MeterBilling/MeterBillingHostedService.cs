using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Live;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Meter billing in the background: once the buses run, a start-up scan delivers every Recharge entry left
/// undelivered by a previous process; then each new Recharge (ledger notification) is delivered at once, a periodic
/// scan retries what could not be confirmed, and the settings check pushes changed prices and limits. Every loop
/// is guarded: a failure is logged and retried after a pause.
/// </summary>
public sealed class MeterBillingHostedService(
    RechargeDeliveryService deliveries,
    MeterSettingsPusher pusher,
    MeterBillingNoticeService notices,
    LiveStateNotifier liveNotifier,
    ICommandSubmitter submitter,
    LedgerNotifier notifier,
    IOptions<MeterBillingOptions> options,
    TimeProvider time,
    ILogger<MeterBillingHostedService> logger,
    BillingStartTime started,
    StartGate startGate,
    MeterReconciler reconciler) : BackgroundService
{
    /// <summary>How often the check after a restart looks for meters read again.</summary>
    private static readonly TimeSpan RestartCheckPeriod = TimeSpan.FromSeconds(5);

    /// <summary>When prepaid control started in this process (resolved with the hosted services, at start).</summary>
    public DateTimeOffset StartedAt => started.At;

    private readonly Channel<long> _recharges = Channel.CreateUnbounded<long>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startGate.WaitAsync(StartStage.PastWritten, stoppingToken);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var subscription = notifier.Subscribe(change =>
        {
            if (change.Kind == LedgerEntryKind.Recharge)
            {
                _recharges.Writer.TryWrite(change.EntryId);
            }
        });

        // Tenant notices follow the remaining amount the meters report; guarded so a failure never stops the updates.
        using var live = liveNotifier.Subscribe(async ids =>
        {
            try
            {
                await notices.CheckAsync(ids, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Tenant notices of meter-billing meters could not be checked; the next update tries again");
            }
        }, TimeSpan.FromSeconds(1));

        try
        {
            while (submitter.Submit is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
            }

            await Task.WhenAll(
                new GuardedLoop("Meter billing recharge scan", time, logger).RunAsync(async ct =>
                {
                    var delivered = await deliveries.ScanAsync(ct);
                    if (delivered > 0)
                    {
                        logger.LogInformation("Recharge scan delivered {Count} parts", delivered);
                    }
                }, settings.DeliveryPeriod, stoppingToken),
                new GuardedLoop("Meter billing settings push", time, logger).RunAsync(async ct =>
                {
                    var run = await pusher.PushDueAsync(ct);
                    if (run.Due > 0)
                    {
                        logger.LogInformation("Settings push: {Due} due, {Confirmed} confirmed, {Failed} failed, {Deferred} deferred", run.Due, run.Confirmed, run.Failed, run.Deferred);
                    }
                }, settings.SettingsCheckPeriod, stoppingToken),
                DeliverNotifiedAsync(stoppingToken),
                ReconcileRecentPurchasesAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// After a start, meters sent a purchase in the hour before it are compared with the platform's purchases as soon as
    /// each is read again, within the reconciliation warm-up; the reconciliation after the warm-up covers any left.
    /// </summary>
    private async Task ReconcileRecentPurchasesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pending = await reconciler.RecentlyPurchasedAsync(started.At, cancellationToken);
            var total = pending.Count;
            var until = started.At + options.Value.ReconciliationWarmUp;
            while (pending.Count > 0)
            {
                pending.ExceptWith(await reconciler.ReconcileAfterRestartAsync(pending, started.At, cancellationToken));
                if (pending.Count == 0 || time.GetUtcNow() >= until)
                {
                    break;
                }

                await Task.Delay(RestartCheckPeriod, time, cancellationToken);
            }

            if (total > 0)
            {
                logger.LogInformation("After the start {Compared} of {Total} meters with recent purchases were reconciled; {Left} were not read again in time",
                    total - pending.Count, total, pending.Count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The reconciliation of recent purchases after the start failed; the nightly run compares those meters");
        }
    }

    private async Task DeliverNotifiedAsync(CancellationToken cancellationToken)
    {
        await foreach (var entryId in _recharges.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await deliveries.DeliverEntryAsync(entryId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Delivery of recharge entry {EntryId} failed; the periodic scan retries it", entryId);
            }
        }
    }
}
