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
/// <param name="log">The poller's log.</param>
internal sealed class BusCommandExecutor(
    AcquisitionOptions options,
    TimeProvider time,
    InstrumentedTransport transport,
    Action<string> afterAttempt,
    Action<AcquisitionLogLevel, string, string, string?, Exception?> log)
{
    /// <summary>Executes <paramref name="command"/> on <paramref name="driver"/>; returns the result status, the driver's last outcome and the attempts.</summary>
    public async Task<(CommandResultStatus Status, CommandOutcome Outcome, int Attempts)> ExecuteAsync(
        AcquisitionCommand command, IMeterDriver driver, CancellationToken cancellationToken)
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
                log(AcquisitionLogLevel.Error, "CommandError", $"Command {command.Request.GetType().Name} for {command.MeterId} threw: {ex.Message}", command.MeterId, ex);
                afterAttempt(command.MeterId);
                break;
            }

            afterAttempt(command.MeterId);
            if (outcome.Status is CommandStatus.Confirmed or CommandStatus.Refused or CommandStatus.Unsupported)
            {
                break;
            }

            log(AcquisitionLogLevel.Warning, "CommandAttemptFailed",
                $"Command {command.Request.GetType().Name} for {command.MeterId} attempt {attempts}/{maxAttempts}: {outcome.Status} {outcome.Detail}", command.MeterId, null);
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
