using Microsoft.Extensions.Logging;
using Prepaid.Acquisition.Drivers;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// Runs a write command on its meter's driver for a bus poller: the driver writes once and confirms by read-back; after
/// a <see cref="CommandStatus.CommFailed"/> or <see cref="CommandStatus.NotConfirmed"/> it is executed again, after
/// <see cref="AcquisitionOptions.CommandRetryDelay"/>, up to <see cref="AcquisitionOptions.CommandRetries"/> times
/// (never a purchase: the driver's count protocol handles resends). A driver that throws ends the command.
/// </summary>
/// <param name="options">Retries and their delay.</param>
/// <param name="time">The clock of the delays.</param>
/// <param name="transport">The bus transport, whose counts each attempt starts afresh.</param>
/// <param name="afterAttempt">Judges the bus from the attempt on a meter (the poller's bus health).</param>
/// <param name="logger">The poller's logger.</param>
/// <param name="gatewayId">The poller's gateway, for the log.</param>
/// <param name="busId">The poller's bus, for the log.</param>
internal sealed class BusCommandExecutor(
    AcquisitionOptions options,
    TimeProvider time,
    InstrumentedTransport transport,
    Action<int> afterAttempt,
    ILogger logger,
    int gatewayId,
    int busId)
{
    /// <summary>
    /// Executes <paramref name="command"/> on <paramref name="driver"/> of the meter at <paramref name="unitId"/>; returns the
    /// result status, the driver's last outcome and the attempts.
    /// </summary>
    public async Task<(CommandResultStatus Status, CommandOutcome Outcome, int Attempts)> ExecuteAsync(
        AcquisitionCommand command, byte unitId, IMeterDriver driver, CancellationToken cancellationToken)
    {
        var retryable = command.Request is not (DeliverPurchaseCommand or ResumePurchaseCommand);
        var maxAttempts = 1 + (retryable ? options.CommandRetries : 0);
        CommandOutcome? outcome = null;
        var attempts = 0;
        while (attempts < maxAttempts)
        {
            if (attempts > 0)
            {
                await Task.Delay(options.CommandRetryDelay, time, cancellationToken).ConfigureAwait(false);
            }

            attempts++;
            transport.BeginOperation();
            try
            {
                outcome = await driver.ExecuteAsync(command.Request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A purchase's PersistIntent may throw: the delivery stops before anything was written.
                outcome = new CommandOutcome(CommandStatus.NotConfirmed, $"The command stopped: {ex.Message}");
                PollingLog.CommandThrew(logger, ex, gatewayId, busId, unitId, command.MeterId, command.Request.GetType().Name);
                afterAttempt(command.MeterId);
                break;
            }

            afterAttempt(command.MeterId);
            if (outcome.Status is CommandStatus.Confirmed or CommandStatus.Refused or CommandStatus.Unsupported)
            {
                break;
            }

            PollingLog.CommandAttemptFailed(logger, gatewayId, busId, unitId, command.MeterId, command.Request.GetType().Name, attempts, maxAttempts, outcome.Status,
                outcome.Detail);
        }

        var status = outcome!.Status switch
        {
            CommandStatus.Confirmed => CommandResultStatus.Confirmed,
            CommandStatus.Refused or CommandStatus.Unsupported => CommandResultStatus.Refused,
            _ => CommandResultStatus.Failed,
        };
        return (status, outcome, attempts);
    }
}
