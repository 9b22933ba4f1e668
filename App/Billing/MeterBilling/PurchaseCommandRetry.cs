using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Runs a journaled purchase command (again) until it settles: confirmed, refused, or failed on a count mismatch
/// (those need an operator, never a resend). An unconfirmed one is re-run after <see cref="MeterBillingOptions.DeliveryRetryAfter"/>;
/// it is always the same command, so the purchase count protocol makes the resend safe.
/// </summary>
internal sealed class PurchaseCommandRetry(
    IDbContextFactory<PrepaidDb> factory,
    MeterCommandRunner runner,
    ICommandSubmitter submitter,
    IOptions<MeterBillingOptions> options,
    TimeProvider time)
{
    /// <summary>The command as it stands after running it if due; null while it must wait (retry not due, no acquisition).</summary>
    public async Task<MeterCommand?> RunUnlessSettledAsync(long commandId, CancellationToken cancellationToken)
    {
        MeterCommand command;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            command = await db.MeterCommands.AsNoTracking().SingleAsync(c => c.Id == commandId, cancellationToken);
        }

        if (command.State is MeterCommandState.Confirmed or MeterCommandState.Refused || PurchaseCommands.IsCountMismatch(command))
        {
            return command;
        }

        var retryAt = (command.CompletedAt ?? DateTimeOffset.MinValue) + options.Value.DeliveryRetryAfter;
        if (command.State == MeterCommandState.Failed && retryAt > time.GetUtcNow())
        {
            return null;
        }

        return submitter.Submit is { } submit ? await runner.RunAsync(submit, commandId, cancellationToken) : null;
    }
}
