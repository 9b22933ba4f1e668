using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.Benchmarks.CrashLoop;

/// <summary>
/// kill -9 of the real product right after it confirmed a purchase, again and again: each round starts the server on the
/// same data folder (demo mall, built-in simulator), posts recharges to meter-billing accounts, waits for the log line of
/// a confirmed DeliverPurchase, kills the process within a second and checks the database as the crash left it. A last
/// start lets every delivery finish; then every meter's purchases are audited against its non-volatile memory.
/// </summary>
public static partial class CrashLoopBenchmark
{
    public static Command Create()
    {
        var kills = new Option<int>("--kills") { Description = "How many times to kill the server.", DefaultValueFactory = _ => 20 };
        var perRound = new Option<int>("--recharges") { Description = "Recharges posted before each kill.", DefaultValueFactory = _ => 4 };
        var seed = new Option<int?>("--seed") { Description = "Random seed (default: a new one, printed)." };
        var forget = new Option<bool>("--forget-meter-memory")
        {
            Description = "Delete the simulated meters' non-volatile memory after each kill, to see the audit fail: it must then report meters whose memory lacks their last purchase.",
        };
        var command = new Command("crash-loop", "kill -9 the server within a second of each confirmed purchase; audit that no meter lost or doubled money.")
        {
            kills, perRound, seed, forget,
        };
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(kills) is < 1 or > 1000 || result.GetValue(perRound) is < 1 or > 50)
            {
                await output.WriteLineAsync("--kills must be 1 to 1000 and --recharges 1 to 50.");
                return 2;
            }

            var chosen = result.GetValue(seed) ?? Random.Shared.Next();
            var audit = await RunAsync(result.GetValue(kills), result.GetValue(perRound), chosen, result.GetValue(forget), output, ct);
            return audit.Violations == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<CrashAudit> RunAsync(int kills, int perRound, int seed, bool forgetMemory, TextWriter output, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-crash-loop", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await output.WriteLineAsync($"crash-loop: {kills} kills, {perRound} recharges per round, seed {seed}, data {folder}");
        var watch = Stopwatch.StartNew();
        var posted = new List<string>();
        var liveBehind = 0;
        var delays = new List<int>();
        try
        {
            for (var round = 1; round <= kills; round++)
            {
                await using var server = await ProductProcess.StartAsync(folder, cancellationToken);
                await using (var ledger = CrashDatabase.Open(folder))
                {
                    posted.AddRange(await ledger.PostRechargesAsync(perRound, round, random, cancellationToken));
                }

                if (!await server.WaitForLineAsync(ConfirmedPurchase(), TimeSpan.FromMinutes(2), cancellationToken))
                {
                    await output.WriteLineAsync($"round {round}: no purchase was confirmed within 2 minutes; the server's last lines:");
                    await output.WriteLineAsync(server.Tail());
                    return new CrashAudit(1);
                }

                var delay = random.Next(0, 1000);
                delays.Add(delay);
                await Task.Delay(delay, cancellationToken);
                server.Kill();
                if (forgetMemory)
                {
                    File.Delete(Path.Combine(folder, "simulator", "meter-memory.json"));
                }

                await using var database = CrashDatabase.Open(folder);
                var behind = await database.LiveStatesBehindDeliveredAsync(cancellationToken);
                liveBehind += behind;
                await output.WriteLineAsync($"round {round}: killed {delay} ms after a confirmed purchase; {await database.DeliveredCountAsync(cancellationToken)} parts delivered so far, "
                    + $"{behind} live states behind a delivered purchase");
            }

            await output.WriteLineAsync("final start: every delivery finishes");
            await using (var server = await ProductProcess.StartAsync(folder, cancellationToken))
            {
                await using var database = CrashDatabase.Open(folder);
                try
                {
                    await database.WaitUntilSettledAsync(posted, TimeSpan.FromMinutes(3), cancellationToken);
                }
                catch (TimeoutException ex)
                {
                    // The audit then counts what stayed undelivered.
                    await output.WriteLineAsync(ex.Message);
                }

                // The check after a restart compares meters once they are read again (one poll period).
                await server.WaitForLineAsync(RestartReconciled(), TimeSpan.FromMinutes(2), cancellationToken);
                server.Kill();
            }

            await using var final = CrashDatabase.Open(folder);
            var audit = await final.AuditAsync(posted, Path.Combine(folder, "simulator", "meter-memory.json"), cancellationToken);
            audit = audit with { Violations = audit.Violations + liveBehind };
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"kills {kills}, kill delays {delays.Min()}-{delays.Max()} ms, recharges {posted.Count} ({audit.RechargedYuan:0.00} yuan), parts delivered {audit.PartsDelivered}, "
                + $"purchases confirmed {audit.PurchasesConfirmed} ({audit.PurchasedYuan:0.00} yuan) on {audit.Meters} meters"));
            await output.WriteLineAsync($"live states behind a delivered purchase after a kill: {liveBehind}; undelivered parts: {audit.Undelivered}; "
                + $"count gaps (lost): {audit.CountGaps}; repeated counts (doubled): {audit.CountRepeats}; meters whose memory differs from the last confirmed purchase: {audit.MemoryMismatches}; "
                + $"meters whose parts differ from their purchases in yuan: {audit.AmountMismatches}; discrepancies after restarts: {audit.RestartDiscrepancies}");
            await output.WriteLineAsync($"violations: {audit.Violations}; elapsed {watch.Elapsed.TotalSeconds:0} s");
            return audit;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"Command \d+ DeliverPurchase on meter \d+ by recharge-delivery: Confirmed")]
    private static partial Regex ConfirmedPurchase();

    [GeneratedRegex(@"meters with recent purchases were reconciled")]
    private static partial Regex RestartReconciled();
}
